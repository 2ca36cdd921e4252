namespace OrleansRides.Runtime.Persistence;

/// <summary>A grain's persistent state, shaped like Orleans' <c>IPersistentState&lt;T&gt;</c>. Take it as a constructor
/// parameter; the runtime reads it before <c>Grain.OnActivateAsync</c>.</summary>
/// <typeparam name="TState">A record or class serializable by System.Text.Json (register its source-generated context).</typeparam>
public interface IPersistentState<TState> where TState : class, new()
{
    /// <summary>The state; a new <typeparamref name="TState"/> when nothing is stored.</summary>
    TState State { get; set; }

    /// <summary>Version of the stored copy this activation last read or wrote; <c>null</c> when nothing is stored.</summary>
    string? Etag { get; }

    /// <summary>Whether a stored copy exists.</summary>
    bool RecordExists { get; }

    /// <summary>Writes <see cref="State"/> if the stored copy still has <see cref="Etag"/>.</summary>
    /// <exception cref="InconsistentStateException">Someone else wrote in between (a stale write); nothing was written.</exception>
    Task WriteStateAsync(CancellationToken cancellationToken = default);

    /// <summary>Re-reads the stored copy.</summary>
    Task ReadStateAsync(CancellationToken cancellationToken = default);

    /// <summary>Deletes the stored copy (if it still has <see cref="Etag"/>) and resets <see cref="State"/>.</summary>
    /// <exception cref="InconsistentStateException">Someone else wrote in between.</exception>
    Task ClearStateAsync(CancellationToken cancellationToken = default);
}

/// <summary>An optimistic-concurrency conflict: the stored ETag is not the one the writer read.</summary>
public sealed class InconsistentStateException(GrainId grain, string? expectedEtag)
    : GrainException(GrainErrorCodes.StateConflict, $"State of {grain} was changed by someone else (expected ETag '{expectedEtag ?? "none"}').");
