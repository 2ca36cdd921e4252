namespace OrleansRides.GrainInterfaces.Errors;

public static partial class ErrorCodes
{
    // The Bike Train catalog (src/Catalog).

    /// <summary>404: no region has that id.</summary>
    [ErrorStatus(404)] public const string RegionNotFound = "REGION_NOT_FOUND";

    /// <summary>409: routes (or other catalog rows) still reference the region.</summary>
    [ErrorStatus(409)] public const string RegionInUse = "REGION_IN_USE";

    /// <summary>404: no tag has that id.</summary>
    [ErrorStatus(404)] public const string TagNotFound = "TAG_NOT_FOUND";

    /// <summary>409: a row without a cascade still references the tag.</summary>
    [ErrorStatus(409)] public const string TagInUse = "TAG_IN_USE";

    /// <summary>404: no route has that id.</summary>
    [ErrorStatus(404)] public const string RouteNotFound = "ROUTE_NOT_FOUND";

    /// <summary>403: the caller is neither the route's creator, nor holds its leader key, nor is staff.</summary>
    [ErrorStatus(403)] public const string NotRouteManager = "NOT_ROUTE_MANAGER";

    /// <summary>403: listing entries of a status other than the public one (approved, published) is for staff.</summary>
    [ErrorStatus(403)] public const string StatusForStaffOnly = "STATUS_FOR_STAFF_ONLY";
}
