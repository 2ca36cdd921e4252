namespace OrleansRides.Runtime.Persistence;

/// <summary>A stored state document: its JSON text and its ETag.</summary>
public sealed record StoredState(string Json, string Etag);

/// <summary>Where grain state lives, keyed by grain id, with optimistic concurrency on an ETag.</summary>
public interface IGrainStorage
{
    /// <summary>The stored state, or <c>null</c> when there is none.</summary>
    Task<StoredState?> ReadAsync(GrainId grain, CancellationToken cancellationToken);

    /// <summary>Stores <paramref name="json"/> if the stored ETag equals <paramref name="expectedEtag"/> (<c>null</c>: nothing stored yet).</summary>
    /// <returns>The new ETag.</returns>
    /// <exception cref="InconsistentStateException">The stored ETag differs.</exception>
    Task<string> WriteAsync(GrainId grain, string json, string? expectedEtag, CancellationToken cancellationToken);

    /// <summary>Deletes the stored state if its ETag equals <paramref name="expectedEtag"/>.</summary>
    /// <exception cref="InconsistentStateException">The stored ETag differs.</exception>
    Task ClearAsync(GrainId grain, string? expectedEtag, CancellationToken cancellationToken);
}
