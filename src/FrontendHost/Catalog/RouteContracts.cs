namespace OrleansRides.FrontendHost.Catalog;

/// <summary>The success envelope of every REST response: <c>{ "data": ... }</c>.</summary>
public sealed record DataEnvelope<T>(T Data);

/// <summary>A waypoint as submitted; nullable so that a missing value is reported as a validation error, not a 400.</summary>
/// <param name="Lat">Latitude, degrees −90..90.</param>
/// <param name="Lng">Longitude, degrees −180..180.</param>
/// <param name="Name">Optional label, at most 100 characters.</param>
public sealed record WaypointInput(double? Lat, double? Lng, string? Name);

/// <summary><c>POST /api/v1/routes</c> body.</summary>
/// <param name="Name">1-100 characters.</param>
/// <param name="Description">At most 2,000 characters.</param>
/// <param name="Waypoints">1-500 waypoints in riding order.</param>
/// <param name="DepartureTime">Daily departure, <c>HH:mm</c> (24 h, local to the route).</param>
/// <param name="EstimatedDuration">Optional <c>HH:mm</c>, at most 23:59.</param>
public sealed record CreateRouteRequest(
    string? Name, string? Description, IReadOnlyList<WaypointInput>? Waypoints, string? DepartureTime, string? EstimatedDuration);

/// <summary>A stored waypoint.</summary>
/// <param name="Lat">Latitude, degrees.</param>
/// <param name="Lng">Longitude, degrees.</param>
/// <param name="Name">Optional label.</param>
public sealed record Waypoint(double Lat, double Lng, string? Name);

/// <summary>A route as anyone may see it (no leader key).</summary>
/// <param name="Id">Route id.</param>
/// <param name="Name">Name.</param>
/// <param name="Description">Description, or null.</param>
/// <param name="AccessCode">The code followers type to join: 10 characters (routes created before decision 46: 6).</param>
/// <param name="Waypoints">Waypoints in riding order.</param>
/// <param name="DepartureTime"><c>HH:mm</c>.</param>
/// <param name="EstimatedDuration"><c>HH:mm</c>, or null.</param>
/// <param name="CreatedAt">Creation time, UTC.</param>
public sealed record RouteDetails(
    Guid Id, string Name, string? Description, string AccessCode, IReadOnlyList<Waypoint> Waypoints,
    string DepartureTime, string? EstimatedDuration, DateTimeOffset CreatedAt);

/// <summary>The creation response: the route plus its leader key, which is shown only here and stored hashed.</summary>
/// <param name="Route">The route.</param>
/// <param name="LeaderKey">The secret that lets its holder lead rides on this route.</param>
public sealed record CreatedRoute(RouteDetails Route, string LeaderKey)
{
    /// <summary>Flattened for the response: <c>{ id, name, accessCode, leaderKey, ... }</c>.</summary>
    public object ToResponse() => new
    {
        Route.Id, Route.Name, Route.Description, Route.AccessCode, LeaderKey, Route.Waypoints,
        Route.DepartureTime, Route.EstimatedDuration, Route.CreatedAt,
    };
}

/// <summary>A page of a list, newest first: <c>{ data: [...], pagination: { limit, nextBefore } }</c>.</summary>
/// <param name="Data">The items.</param>
/// <param name="Pagination">How to ask for the next (older) page.</param>
public sealed record PagedEnvelope<T>(IReadOnlyList<T> Data, Pagination Pagination);

/// <summary>Paging by a descending cursor.</summary>
/// <param name="Limit">The page size used.</param>
/// <param name="NextBefore">Pass as <c>before</c> for the next page; <c>null</c> on the last page.</param>
public sealed record Pagination(int Limit, long? NextBefore);
