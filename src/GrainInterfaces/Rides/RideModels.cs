using System.Text.Json.Serialization;

namespace OrleansRides.GrainInterfaces.Rides;

/// <summary>A ride's life cycle: <c>waiting</c> (no leader yet) → <c>live</c> ⇄ <c>leaderOffline</c> → <c>ended</c>
/// (a later leader join starts a new ride on the same route).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<RideStatus>))]
public enum RideStatus
{
    /// <summary>Followers may wait in the lobby; no leader has started the ride.</summary>
    [JsonStringEnumMemberName("waiting")] Waiting,
    /// <summary>The leader is connected and may broadcast.</summary>
    [JsonStringEnumMemberName("live")] Live,
    /// <summary>The leader's connection dropped longer ago than the grace period.</summary>
    [JsonStringEnumMemberName("leaderOffline")] LeaderOffline,
    /// <summary>The leader ended the ride, or it was abandoned.</summary>
    [JsonStringEnumMemberName("ended")] Ended,
}

/// <summary>The role a connection asks for.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<RideRole>))]
public enum RideRole
{
    /// <summary>Broadcasts positions; needs the leader key.</summary>
    [JsonStringEnumMemberName("leader")] Leader,
    /// <summary>Receives positions.</summary>
    [JsonStringEnumMemberName("follower")] Follower,
}

/// <summary>A join request as the grain sees it.</summary>
/// <param name="ConnectionId">The caller's connection id (unique across frontends).</param>
/// <param name="Role">Leader or follower.</param>
/// <param name="LeaderKey">The route's secret leader key; required for <see cref="RideRole.Leader"/>.</param>
/// <param name="DisplayName">Optional name shown to the leader, at most 40 characters.</param>
public sealed record RideJoin(string ConnectionId, RideRole Role, string? LeaderKey, string? DisplayName);

/// <summary>A position as sent by the leader, before validation.</summary>
/// <param name="Lat">Latitude in degrees, −90..90 (WGS 84).</param>
/// <param name="Lng">Longitude in degrees, −180..180.</param>
/// <param name="Accuracy">Horizontal accuracy radius in metres, 0..100,000; optional.</param>
/// <param name="Heading">Direction of travel in degrees clockwise from true north, 0..360; optional.</param>
/// <param name="Speed">Ground speed in metres per second, 0..150; optional.</param>
/// <param name="Timestamp">When the fix was taken (UTC); the server's time when absent.</param>
public sealed record PositionInput(double? Lat, double? Lng, double? Accuracy, double? Heading, double? Speed, DateTimeOffset? Timestamp);

/// <summary>An accepted leader position.</summary>
/// <param name="Lat">Latitude in degrees.</param>
/// <param name="Lng">Longitude in degrees.</param>
/// <param name="Accuracy">Accuracy radius in metres, or null.</param>
/// <param name="Heading">Heading in degrees 0..360, or null.</param>
/// <param name="Speed">Speed in m/s, or null.</param>
/// <param name="Timestamp">Fix time, UTC.</param>
/// <param name="Seq">Strictly increasing per route (also across rides), so clients can drop duplicates and detect gaps.</param>
public sealed record Position(double Lat, double Lng, double? Accuracy, double? Heading, double? Speed, DateTimeOffset Timestamp, long Seq);

/// <summary>What a joiner sees at once.</summary>
/// <param name="AccessCode">The route's access code.</param>
/// <param name="RouteId">The route's id.</param>
/// <param name="RouteName">The route's name.</param>
/// <param name="Status">The ride's status.</param>
/// <param name="LastPosition">The leader's last position, or null.</param>
/// <param name="Trail">The last positions, oldest first, at most <c>Rides:TrailLength</c> (default 1,000).</param>
/// <param name="FollowerCount">Followers connected now.</param>
/// <param name="LeaderOfflineSince">When the leader was declared offline (UTC), when <see cref="Status"/> is leaderOffline.</param>
public sealed record RideSnapshot(
    string AccessCode, Guid RouteId, string RouteName, RideStatus Status, Position? LastPosition,
    IReadOnlyList<Position> Trail, int FollowerCount, DateTimeOffset? LeaderOfflineSince);

/// <summary>A ride's state as the ride list needs it.</summary>
/// <param name="Status">The live ride's status.</param>
/// <param name="FollowerCount">Followers connected now.</param>
/// <param name="TrackId">The track being (or last) recorded, in <c>ride_tracks</c>; null before the first ride.</param>
public sealed record RideLiveState(RideStatus Status, int FollowerCount, Guid? TrackId);

/// <summary>A scheduled ride's cancellation, as the ride grain of its route hears it.</summary>
/// <param name="RideId">The scheduled ride (<c>rides.id</c>).</param>
/// <param name="Reason">Why, as the route manager wrote it (at most 500 characters).</param>
/// <param name="TrackId">The track linked to the ride when it was live, else null.</param>
public sealed record RideCancellation(Guid RideId, string Reason, Guid? TrackId);
