using System.Text.Json;
using System.Text.Json.Serialization;
using OrleansRides.Catalog.Regions;

namespace OrleansRides.Catalog.Routes;

/// <summary>A waypoint as submitted; nullable so that a missing value is reported as a validation error, not a 400.</summary>
/// <param name="Lat">Latitude, degrees −90..90.</param>
/// <param name="Lng">Longitude, degrees −180..180.</param>
/// <param name="Name">Optional label, at most 100 characters.</param>
public sealed record WaypointInput(double? Lat, double? Lng, string? Name);

/// <summary><c>POST /api/v1/routes</c> body, and <c>PUT /api/v1/routes/{id}</c> body where every field is optional (absent
/// or null: unchanged; <c>""</c> clears <paramref name="Description"/> and <paramref name="Neighborhood"/>;
/// <c>isRecurring: false</c> clears the rule and end date).</summary>
/// <param name="Name">1–100 characters, one line.</param>
/// <param name="Description">At most 2,000 characters; line feeds and tabs allowed.</param>
/// <param name="Waypoints">1–500 waypoints in riding order.</param>
/// <param name="DepartureTime">Departure, <c>HH:mm</c> (24 h) local to the region's time zone.</param>
/// <param name="EstimatedDuration">Whole minutes as a JSON integer 1–2880, or an ISO 8601 duration string such as
/// <c>"PT1H15M"</c> or <c>"PT25H"</c> that comes to whole minutes in that range (<see cref="RouteDurations"/>).</param>
/// <param name="RegionId">The region (required on create; must exist).</param>
/// <param name="Neighborhood">Optional area within the region, at most 100 characters.</param>
/// <param name="TagIds">At most 10 distinct ids of existing, active tags.</param>
/// <param name="IsRecurring">Whether the route repeats; default: whether <paramref name="RecurrenceRule"/> is given.</param>
/// <param name="RecurrenceRule">RFC 5545 RRULE value such as <c>FREQ=WEEKLY;BYDAY=MO,WE</c>, required when recurring
/// (<see cref="RecurrenceRules"/>).</param>
/// <param name="RecurrenceEndDate">Optional last local date of the recurrence, <c>yyyy-MM-dd</c>.</param>
public sealed record RouteRequest(
    string? Name, string? Description, IReadOnlyList<WaypointInput>? Waypoints, string? DepartureTime, JsonElement? EstimatedDuration,
    Guid? RegionId, string? Neighborhood, IReadOnlyList<Guid>? TagIds, bool? IsRecurring, string? RecurrenceRule,
    DateOnly? RecurrenceEndDate);

/// <summary><c>POST /api/v1/routes/{id}/review</c> body (staff).</summary>
/// <param name="Decision"><c>approve</c> or <c>reject</c>.</param>
/// <param name="Reason">Why; required to reject, at most 500 characters (shown to the route's creator).</param>
public sealed record ReviewRequest(string? Decision, string? Reason);

/// <summary>Route statuses (<c>routes.status</c>): a new route is <see cref="Pending"/> unless staff made it; staff approve
/// or reject it; its managers archive it. Only <see cref="Approved"/> routes are listed publicly; the access code and the
/// live ride work whatever the status.</summary>
public static class RouteStatuses
{
    /// <summary>Waiting for review.</summary>
    public const string Pending = "pending";
    /// <summary>Listed publicly.</summary>
    public const string Approved = "approved";
    /// <summary>Refused by staff (see the review reason).</summary>
    public const string Rejected = "rejected";
    /// <summary>Withdrawn by a manager (<c>DELETE /routes/{id}</c>).</summary>
    public const string Archived = "archived";

    /// <summary>Every status.</summary>
    public static readonly IReadOnlyList<string> All = [Pending, Approved, Rejected, Archived];
}

/// <summary>A stored waypoint.</summary>
/// <param name="Lat">Latitude, degrees.</param>
/// <param name="Lng">Longitude, degrees.</param>
/// <param name="Name">Optional label.</param>
public sealed record Waypoint(double Lat, double Lng, string? Name);

/// <summary>The region of a route summary: <c>{ id, name, slug, timeZone }</c>.</summary>
/// <param name="Id">Region id.</param>
/// <param name="Name">Name.</param>
/// <param name="Slug">Slug.</param>
/// <param name="TimeZone">IANA zone id.</param>
public sealed record RegionSummary(Guid Id, string Name, string Slug, string TimeZone);

/// <summary>A tag of a route summary: <c>{ id, name, slug }</c>.</summary>
/// <param name="Id">Tag id.</param>
/// <param name="Name">Name.</param>
/// <param name="Slug">Slug.</param>
public sealed record TagSummary(Guid Id, string Name, string Slug);

/// <summary>A route in lists and inside rides (<see cref="RouteSummaries"/>).</summary>
/// <param name="Id">Route id.</param>
/// <param name="Name">Name.</param>
/// <param name="Neighborhood">Area within the region, or null.</param>
/// <param name="Region">Its region; null only for routes made before the catalog (issue 9) that no one has placed yet.</param>
/// <param name="Tags">Its tags, by name.</param>
/// <param name="DepartureTime"><c>HH:mm</c>, local to the region.</param>
/// <param name="EstimatedDurationMinutes">Minutes, or null.</param>
/// <param name="IsRecurring">Whether it repeats by its rule.</param>
/// <param name="Status">See <see cref="RouteStatuses"/>.</param>
/// <param name="Start">Its first waypoint (degrees), where lists put its marker on a map.</param>
public sealed record RouteSummary(
    Guid Id, string Name, string? Neighborhood, RegionSummary? Region, IReadOnlyList<TagSummary> Tags, string DepartureTime,
    int? EstimatedDurationMinutes, bool IsRecurring, string Status, GeoPoint Start);

/// <summary>A route as anyone may see it (GET by id or by code): the summary's fields plus the details. Never the leader
/// key, except in the creation response (<see cref="LeaderKey"/>).</summary>
/// <param name="Id">Route id.</param>
/// <param name="Name">Name.</param>
/// <param name="Neighborhood">Area within the region, or null.</param>
/// <param name="Region">Its region, or null (legacy routes).</param>
/// <param name="Tags">Its tags, by name.</param>
/// <param name="DepartureTime"><c>HH:mm</c>.</param>
/// <param name="EstimatedDurationMinutes">Minutes, or null.</param>
/// <param name="IsRecurring">Whether it repeats.</param>
/// <param name="Status">See <see cref="RouteStatuses"/>.</param>
/// <param name="Description">Description, or null.</param>
/// <param name="AccessCode">The code followers type to join: 10 characters (routes created before decision 46: 6).</param>
/// <param name="Waypoints">Waypoints in riding order.</param>
/// <param name="RecurrenceRule">RRULE value, or null.</param>
/// <param name="RecurrenceEndDate">Last local date, or null.</param>
/// <param name="CreatorId">The account that made it, or null (anonymous, legacy, or deleted account).</param>
/// <param name="ReviewReason">Staff's reason for the last review decision, or null.</param>
/// <param name="CreatedAt">Creation time, UTC.</param>
/// <param name="UpdatedAt">Last change, UTC.</param>
public sealed record RouteDetails(
    Guid Id, string Name, string? Neighborhood, RegionSummary? Region, IReadOnlyList<TagSummary> Tags, string DepartureTime,
    int? EstimatedDurationMinutes, bool IsRecurring, string Status, string? Description, string AccessCode,
    IReadOnlyList<Waypoint> Waypoints, string? RecurrenceRule, DateOnly? RecurrenceEndDate, Guid? CreatorId, string? ReviewReason,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    /// <summary>The secret that lets its holder lead rides on and manage this route: set only in the creation response
    /// (it is stored hashed), left out of the JSON otherwise.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? LeaderKey { get; init; }

    /// <summary>The summary part.</summary>
    public RouteSummary ToSummary() =>
        new(Id, Name, Neighborhood, Region, Tags, DepartureTime, EstimatedDurationMinutes, IsRecurring, Status,
            new GeoPoint(Waypoints[0].Lat, Waypoints[0].Lng));
}
