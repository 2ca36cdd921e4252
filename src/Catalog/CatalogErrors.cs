using Npgsql;
using OrleansRides.GrainInterfaces.Errors;

namespace OrleansRides.Catalog;

/// <summary>The catalog's stable error codes (RFC 9457 <c>code</c>) and the PostgreSQL failures they come from.</summary>
public static class CatalogErrors
{
    /// <inheritdoc cref="ErrorCodes.SlugTaken"/>
    public const string SlugTaken = ErrorCodes.SlugTaken;
    /// <inheritdoc cref="ErrorCodes.RegionNotFound"/>
    public const string RegionNotFound = ErrorCodes.RegionNotFound;
    /// <inheritdoc cref="ErrorCodes.RegionInUse"/>
    public const string RegionInUse = ErrorCodes.RegionInUse;
    /// <inheritdoc cref="ErrorCodes.TagNotFound"/>
    public const string TagNotFound = ErrorCodes.TagNotFound;
    /// <inheritdoc cref="ErrorCodes.TagInUse"/>
    public const string TagInUse = ErrorCodes.TagInUse;
    /// <inheritdoc cref="ErrorCodes.RouteNotFound"/>
    public const string RouteNotFound = ErrorCodes.RouteNotFound;
    /// <inheritdoc cref="ErrorCodes.NotRouteManager"/>
    public const string NotRouteManager = ErrorCodes.NotRouteManager;
    /// <inheritdoc cref="ErrorCodes.StatusForStaffOnly"/>
    public const string StatusForStaffOnly = ErrorCodes.StatusForStaffOnly;

    /// <summary>Unique violation (23505): for regions and tags, whose only unique column besides the fresh id is the slug.</summary>
    public static bool IsUniqueViolation(PostgresException exception) => exception.SqlState == PostgresErrorCodes.UniqueViolation;

    /// <summary>Foreign-key violation (23503): something still references the row being deleted.</summary>
    public static bool IsReferenced(PostgresException exception) => exception.SqlState == PostgresErrorCodes.ForeignKeyViolation;
}
