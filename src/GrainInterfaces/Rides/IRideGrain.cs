using OrleansRides.Runtime;

namespace OrleansRides.GrainInterfaces.Rides;

/// <summary>The live state of the group ride on one route, keyed by the route's access code (for example <c>K7Q2XZ</c>).
/// Members are identified by their connection id; events go out on the topic <see cref="RideTopics.For"/>.
/// Errors are <see cref="RideException"/>s whose <see cref="GrainException.Code"/> is one of <see cref="RideErrorCodes"/>.</summary>
public interface IRideGrain : IGrainWithStringKey
{
    /// <summary>Adds a leader or follower. A leader needs the route's leader key; the first leader join starts the ride
    /// (<c>rideStarted</c> to the lobby), a rejoin after going offline publishes <c>leaderOnline</c>.
    /// A follower may join at any status and gets <c>followerJoined</c> sent to the leader.</summary>
    /// <returns>The ride as it is now, including the bounded trail.</returns>
    /// <exception cref="RideException"><c>RIDE_NOT_FOUND</c> (no route has this code), <c>INVALID_LEADER_KEY</c>.</exception>
    Task<RideSnapshot> Join(RideJoin join);

    /// <summary>Records the leader's position, assigns it the next sequence number and publishes <c>locationUpdated</c>.</summary>
    /// <exception cref="RideException"><c>NOT_LEADER</c>, <c>RIDE_ENDED</c>, <c>RATE_LIMITED</c> (beyond
    /// <c>Rides:MaxUpdatesPerSecond</c>, default 25/s), <c>INVALID_POSITION</c> (out of range, missing, non-finite, or
    /// timestamped more than <c>Rides:MaxFutureSkew</c> ahead).</exception>
    Task<Position> UpdateLocation(string connectionId, PositionInput position);

    /// <summary>The last position, or <c>null</c> before the first one.</summary>
    Task<Position?> GetLastPosition();

    /// <summary>Removes a member. A follower leaves at once (<c>followerLeft</c>, <c>followersCount</c>). A leader whose
    /// connection was lost is shown offline after the grace period unless it rejoins; one who leaves on purpose at once.</summary>
    Task Leave(string connectionId, bool connectionLost);

    /// <summary>Ends the ride on the leader's word: saves the track and publishes <c>rideEnded</c> with reason <c>leaderEnded</c>.</summary>
    /// <exception cref="RideException"><c>NOT_LEADER</c>, <c>RIDE_ENDED</c> (not live).</exception>
    Task End(string connectionId);

    /// <summary>The ride's status and follower count, without joining and without the trail (what the ride list shows).
    /// An unknown code answers <see cref="RideStatus.Waiting"/> with no followers rather than an error, since the list only
    /// asks for codes it read from the routes table.</summary>
    Task<RideLiveState> GetLiveState();

    /// <summary>A scheduled ride of this route was cancelled: publishes <c>rideCancelled</c> to everyone connected to the
    /// code. When <see cref="RideCancellation.TrackId"/> is the track being recorded now, the live ride also ends (its track
    /// is saved, <c>rideEnded</c> with reason <c>cancelled</c>).</summary>
    Task Cancel(RideCancellation cancellation);
}

/// <summary>Topic names for ride events.</summary>
public static class RideTopics
{
    /// <summary><c>ride/{accessCode}</c>.</summary>
    public static string For(string accessCode) => $"ride/{accessCode}";
}
