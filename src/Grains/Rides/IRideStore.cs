using OrleansRides.GrainInterfaces.Rides;

namespace OrleansRides.Grains.Rides;

/// <summary>What a ride grain needs to know about its route.</summary>
/// <param name="Id">Route id.</param>
/// <param name="Name">Route name.</param>
/// <param name="LeaderKeyHash">SHA-256 of the leader key.</param>
public sealed record RideRoute(Guid Id, string Name, byte[] LeaderKeyHash);

/// <summary>The ride grain's durable records: its route, and the rides and their tracks.</summary>
public interface IRideStore
{
    /// <summary>The route with this access code, or null.</summary>
    Task<RideRoute?> FindRouteAsync(string accessCode, CancellationToken cancellationToken);

    /// <summary>Records that a ride started.</summary>
    Task StartRideAsync(Guid rideId, Guid routeId, string accessCode, DateTimeOffset startedAt, CancellationToken cancellationToken);

    /// <summary>Appends positions to a ride's track in one round trip; points already stored (same seq) are ignored.</summary>
    Task AppendTrackAsync(Guid rideId, IReadOnlyList<Position> points, CancellationToken cancellationToken);

    /// <summary>The ride's stored positions with a sequence number above <paramref name="afterSeq"/>, oldest first, at most
    /// the newest <paramref name="limit"/>.</summary>
    Task<IReadOnlyList<Position>> LoadTrackAfterAsync(Guid rideId, long afterSeq, int limit, CancellationToken cancellationToken);

    /// <summary>Marks a ride ended.</summary>
    Task EndRideAsync(Guid rideId, DateTimeOffset endedAt, string reason, CancellationToken cancellationToken);
}
