using System.Collections.Concurrent;
using System.Globalization;

namespace OrleansRides.Runtime.Persistence;

/// <summary>Grain storage in process memory with the same ETag rules as <c>PostgresGrainStorage</c> (OrleansRides.Runtime.Postgres); for unit tests.</summary>
public sealed class InMemoryGrainStorage : IGrainStorage
{
    private readonly ConcurrentDictionary<GrainId, StoredState> _states = new();
    private long _version;

    /// <inheritdoc />
    public Task<StoredState?> ReadAsync(GrainId grain, CancellationToken cancellationToken) =>
        Task.FromResult(_states.TryGetValue(grain, out var stored) ? stored : null);

    /// <inheritdoc />
    public Task<string> WriteAsync(GrainId grain, string json, string? expectedEtag, CancellationToken cancellationToken)
    {
        var next = new StoredState(json, Interlocked.Increment(ref _version).ToString(CultureInfo.InvariantCulture));
        var written = expectedEtag is null
            ? _states.TryAdd(grain, next)
            : _states.TryGetValue(grain, out var current) && current.Etag == expectedEtag && _states.TryUpdate(grain, next, current);
        return written ? Task.FromResult(next.Etag) : throw new InconsistentStateException(grain, expectedEtag);
    }

    /// <inheritdoc />
    public Task ClearAsync(GrainId grain, string? expectedEtag, CancellationToken cancellationToken)
    {
        if (expectedEtag is null)
        {
            return _states.ContainsKey(grain) ? throw new InconsistentStateException(grain, expectedEtag) : Task.CompletedTask;
        }
        return _states.TryGetValue(grain, out var current) && current.Etag == expectedEtag
            && _states.TryRemove(new KeyValuePair<GrainId, StoredState>(grain, current))
            ? Task.CompletedTask
            : throw new InconsistentStateException(grain, expectedEtag);
    }
}
