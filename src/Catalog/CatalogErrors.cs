using Npgsql;

namespace OrleansRides.Catalog;

/// <summary>The catalog's stable error codes (RFC 9457 <c>code</c>) and the PostgreSQL failures they come from.</summary>
public static class CatalogErrors
{
    /// <summary>409: a region or tag with that slug exists.</summary>
    public const string SlugTaken = "SLUG_TAKEN";
    /// <summary>404: no region has that id.</summary>
    public const string RegionNotFound = "REGION_NOT_FOUND";
    /// <summary>409: routes (or other catalog rows) still reference the region.</summary>
    public const string RegionInUse = "REGION_IN_USE";
    /// <summary>404: no tag has that id.</summary>
    public const string TagNotFound = "TAG_NOT_FOUND";
    /// <summary>409: a row without a cascade (not a route: routes lose deleted tags) still references the tag.</summary>
    public const string TagInUse = "TAG_IN_USE";
    /// <summary>404: no route has that id.</summary>
    public const string RouteNotFound = "ROUTE_NOT_FOUND";
    /// <summary>403: the caller is neither the route's creator, nor holds its leader key, nor is staff.</summary>
    public const string NotRouteManager = "NOT_ROUTE_MANAGER";
    /// <summary>403: listing routes of a status other than approved is for staff.</summary>
    public const string StatusForStaffOnly = "STATUS_FOR_STAFF_ONLY";

    /// <summary>Unique violation (23505): for regions and tags, whose only unique column besides the fresh id is the slug.</summary>
    public static bool IsUniqueViolation(PostgresException exception) => exception.SqlState == PostgresErrorCodes.UniqueViolation;

    /// <summary>Foreign-key violation (23503): something still references the row being deleted.</summary>
    public static bool IsReferenced(PostgresException exception) => exception.SqlState == PostgresErrorCodes.ForeignKeyViolation;
}
