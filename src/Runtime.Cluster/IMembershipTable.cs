namespace OrleansRides.Runtime.Cluster;

/// <summary>The cluster's membership table, shaped like Orleans' <c>IMembershipTable</c>: one row per silo with its status,
/// heartbeat and ETag, and a table version bumped by every change of status, so that every node can tell a newer view
/// from an older one. <see cref="MembershipTable"/> keeps it in PostgreSQL; <see cref="InMemoryMembershipTable"/> in
/// memory (unit tests). The synchronous members serve the silo agent's dedicated thread.</summary>
public interface IMembershipTable
{
    /// <summary>Adds this silo as <see cref="SiloStatus.Joining"/> and bumps the table version.</summary>
    Task RegisterAsync(string siloId, string queue, CancellationToken cancellationToken);

    /// <summary>Every row and the table version, as one consistent snapshot.</summary>
    Task<MembershipView> ReadAsync(CancellationToken cancellationToken);

    /// <summary>Synchronous <see cref="ReadAsync"/>.</summary>
    MembershipView Read();

    /// <summary>Records a heartbeat now with the silo's activation count; answers its status, or null if its row is gone.
    /// A heartbeat does not bump the table version.</summary>
    SiloStatus? Heartbeat(string siloId, int activationCount);

    /// <summary>Sets a status if the row's ETag is still <paramref name="expectedVersion"/> (so that racing declarers
    /// produce one outcome), recording <paramref name="declaredBy"/> with a death; bumps the table version on success.</summary>
    bool TryUpdateStatus(string siloId, SiloStatus status, long expectedVersion, string? declaredBy = null);

    /// <summary>Removes dead rows whose last heartbeat is older than <paramref name="retention"/>; answers how many.</summary>
    int DeleteDead(TimeSpan retention);
}
