namespace OrleansRides.GrainInterfaces.Rides;

/// <summary>An event a ride grain publishes on <see cref="RideTopics.For"/>; frontends turn each into the
/// <see cref="IRideClient"/> callback of the same name, whose payload is the record itself. No type discriminator is
/// serialized into it: a transport that must carry the type does so in its own envelope.</summary>
public abstract record RideEvent;

/// <summary>The leader moved. To everyone in the ride.</summary>
public sealed record LocationUpdated(Position Position) : RideEvent;

/// <summary>A follower joined. To the leader only.</summary>
/// <param name="FollowerId">Opaque id of the follower within this ride (not its connection id).</param>
/// <param name="DisplayName">The follower's display name, if given.</param>
/// <param name="FollowerCount">Followers connected now.</param>
public sealed record FollowerJoined(string FollowerId, string? DisplayName, int FollowerCount) : RideEvent;

/// <summary>A follower left or disconnected. To the leader only.</summary>
/// <param name="FollowerId">Opaque id of the follower.</param>
/// <param name="DisplayName">The follower's display name, if given.</param>
/// <param name="FollowerCount">Followers connected now.</param>
public sealed record FollowerLeft(string FollowerId, string? DisplayName, int FollowerCount) : RideEvent;

/// <summary>The number of followers changed. To everyone.</summary>
public sealed record FollowersCount(int Count) : RideEvent;

/// <summary>The leader started the ride. To everyone (the lobby learns the ride is live).</summary>
public sealed record RideStarted(RideSnapshot Snapshot) : RideEvent;

/// <summary>The leader has been gone longer than the grace period. To everyone.</summary>
/// <param name="Since">When the leader was declared offline, UTC.</param>
public sealed record LeaderOffline(DateTimeOffset Since) : RideEvent;

/// <summary>An offline leader is back. To everyone.</summary>
public sealed record LeaderOnline : RideEvent;

/// <summary>The ride ended. To everyone.</summary>
/// <param name="Reason"><c>leaderEnded</c>, <c>leaderTimeout</c> when the leader stayed offline for <c>Rides:AbandonAfter</c>,
/// or <c>cancelled</c> when the scheduled ride being led was cancelled.</param>
public sealed record RideEnded(string Reason) : RideEvent;

/// <summary>A scheduled ride of the route was cancelled. To everyone connected to the route's code, leader included.</summary>
/// <param name="RideId">The scheduled ride (<c>GET /api/v1/rides/{rideId}</c>).</param>
/// <param name="Reason">Why, as the route manager wrote it.</param>
public sealed record RideCancelled(Guid RideId, string Reason) : RideEvent;
