using OrleansRides.GrainInterfaces.Rides;

namespace OrleansRides.Grains.Rides;

/// <summary>What a ride grain needs to know about its route.</summary>
/// <param name="Id">Route id.</param>
/// <param name="Name">Route name.</param>
/// <param name="LeaderKeyHash">SHA-256 of the leader key.</param>
public sealed record RideRoute(Guid Id, string Name, byte[] LeaderKeyHash);

/// <summary>The ride grain's durable records: its route, and the tracks its leaders recorded (<c>ride_tracks</c>), each linked
/// to the route's scheduled ride of that moment (<c>rides.track_id</c>, decision 72).</summary>
public interface IRideStore
{
    /// <summary>The route with this access code, or null.</summary>
    Task<RideRoute?> FindRouteAsync(string accessCode, CancellationToken cancellationToken);

    /// <summary>Records that a live ride started: a new track, and in the same statement the route's scheduled ride whose
    /// window [start − 1 h, end + 2 h] contains <paramref name="startedAt"/> (the nearest start if several) becomes
    /// <c>live</c> with this track.</summary>
    Task StartRideAsync(Guid trackId, Guid routeId, string accessCode, DateTimeOffset startedAt, CancellationToken cancellationToken);

    /// <summary>Appends positions to a track in one round trip; points already stored (same seq) are ignored.</summary>
    Task AppendTrackAsync(Guid trackId, IReadOnlyList<Position> points, CancellationToken cancellationToken);

    /// <summary>The track's stored positions with a sequence number above <paramref name="afterSeq"/>, oldest first, at most
    /// the newest <paramref name="limit"/>.</summary>
    Task<IReadOnlyList<Position>> LoadTrackAfterAsync(Guid trackId, long afterSeq, int limit, CancellationToken cancellationToken);

    /// <summary>Marks a track ended and, in the same statement, the scheduled ride it is linked to <c>completed</c> (if it
    /// is still <c>live</c>: a cancelled ride stays cancelled).</summary>
    Task EndRideAsync(Guid trackId, DateTimeOffset endedAt, string reason, CancellationToken cancellationToken);
}
