using OrleansRides.GrainInterfaces.Studio;

namespace OrleansRides.Grains.Studio;

/// <summary>What the studio grain reads and writes in <c>song_requests</c>.</summary>
public interface ISongRequestStore
{
    /// <summary>Inserts a new pending request.</summary>
    Task InsertAsync(SongRequest request, CancellationToken cancellationToken);

    /// <summary>Pending requests, oldest first, at most <paramref name="limit"/>.</summary>
    Task<IReadOnlyList<SongRequest>> LoadPendingAsync(int limit, CancellationToken cancellationToken);

    /// <summary>Decides a pending request.</summary>
    /// <returns>The decided request, or <c>null</c> when there is no pending request with that id.</returns>
    Task<SongRequest?> DecideAsync(Guid id, SongRequestStatus status, string? reason, string djId, DateTimeOffset at, CancellationToken cancellationToken);
}
