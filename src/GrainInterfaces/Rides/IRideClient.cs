namespace OrleansRides.GrainInterfaces.Rides;

/// <summary>The callbacks a ride hub client receives (SignalR method names are these, camelCase in JavaScript:
/// <c>connection.on("locationUpdated", ...)</c>).</summary>
public interface IRideClient
{
    /// <summary>A new leader position; drop any whose <see cref="Position.Seq"/> you have already seen.</summary>
    Task LocationUpdated(Position position);

    /// <summary>To the leader: a follower joined.</summary>
    Task FollowerJoined(FollowerJoined change);

    /// <summary>To the leader: a follower left.</summary>
    Task FollowerLeft(FollowerLeft change);

    /// <summary>The follower count changed.</summary>
    Task FollowersCount(FollowersCount count);

    /// <summary>The ride went live.</summary>
    Task RideStarted(RideSnapshot snapshot);

    /// <summary>The leader is offline.</summary>
    Task LeaderOffline(LeaderOffline offline);

    /// <summary>The leader is back.</summary>
    Task LeaderOnline();

    /// <summary>The ride ended.</summary>
    Task RideEnded(RideEnded ended);

    /// <summary>A scheduled ride of this route was cancelled (<c>{ rideId, reason }</c>).</summary>
    Task RideCancelled(RideCancelled cancelled);
}
