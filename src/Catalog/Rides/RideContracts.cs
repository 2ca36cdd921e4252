using System.Text.Json.Serialization;
using OrleansRides.Catalog.Routes;

namespace OrleansRides.Catalog.Rides;

/// <summary>A scheduled ride as the API shows it (contract §B).</summary>
/// <param name="Id">The ride's id (uuid v7).</param>
/// <param name="RouteId">Its route.</param>
/// <param name="Route">The route's summary.</param>
/// <param name="LocalDate">The ride's date in the region's zone, <c>yyyy-MM-dd</c>.</param>
/// <param name="LocalStart">Its local departure, <c>yyyy-MM-ddTHH:mm</c> without offset, in <paramref name="TimeZone"/>.</param>
/// <param name="TimeZone">The region's IANA zone.</param>
/// <param name="StartTime">Departure, UTC.</param>
/// <param name="EndTime">Departure plus the route's duration, UTC.</param>
/// <param name="Status"><c>scheduled</c>, <c>live</c>, <c>completed</c> or <c>cancelled</c>.</param>
/// <param name="CancelReason">Why it was cancelled, or null.</param>
/// <param name="InterestCount">Sessions that said "I'm coming".</param>
/// <param name="Live">While its leader broadcasts: the access code to follow and the followers now; else null.</param>
/// <param name="HasTrack">Whether a recorded track is linked (<c>GET /rides/{id}/track.gpx</c>).</param>
/// <param name="Created">Only in <c>POST /routes/{id}/instances</c> answers: whether that call created the ride.</param>
public sealed record RideView(
    Guid Id, Guid RouteId, RouteSummary Route, string LocalDate, string LocalStart, string TimeZone,
    DateTime StartTime, DateTime EndTime, string Status, string? CancelReason, int InterestCount, LiveRideInfo? Live,
    bool HasTrack, [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] bool? Created = null);

/// <summary>A ride being led now.</summary>
/// <param name="AccessCode">The route's access code (join <c>/hubs/ride</c> with it).</param>
/// <param name="FollowerCount">Followers connected now.</param>
public sealed record LiveRideInfo(string AccessCode, int FollowerCount);

/// <summary>Which rides <c>GET /rides</c> lists: approved routes' scheduled and live rides, soonest first.</summary>
/// <param name="RegionId">Only this region's, when given.</param>
/// <param name="TagIds">Only rides whose route has at least one of these tags, when not empty.</param>
/// <param name="FromDate">A local date: rides on it and the <paramref name="DaysAhead"/> − 1 days after (each ride's date in
/// its own zone). Exclusive with <paramref name="FromInstant"/>.</param>
/// <param name="FromInstant">An instant: rides not yet ended at it that start within <paramref name="DaysAhead"/> days
/// of it. Both null: from now.</param>
/// <param name="DaysAhead">1–366.</param>
public sealed record RideListQuery(Guid? RegionId, IReadOnlyList<Guid> TagIds, DateOnly? FromDate, DateTimeOffset? FromInstant, int DaysAhead);

/// <summary>What happened to one requested date of <c>POST /routes/{id}/instances</c>.</summary>
public enum InstanceOutcome
{
    /// <summary>The route does not exist.</summary>
    RouteNotFound,
    /// <summary>The route has no region, so no time zone to place a ride in.</summary>
    RouteHasNoRegion,
    /// <summary>The rides were created or found.</summary>
    Done,
}
