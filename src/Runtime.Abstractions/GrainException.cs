namespace OrleansRides.Runtime;

/// <summary>An error a grain reports to its caller on purpose, with a stable machine-readable <see cref="Code"/>
/// (for example <c>RIDE_NOT_FOUND</c>). The activation stays healthy; only this call fails.</summary>
public class GrainException(string code, string message) : Exception(message)
{
    /// <summary>Stable upper-snake-case error code that clients may branch on.</summary>
    public string Code { get; } = code;
}

/// <summary>Codes the runtime itself gives callers, whatever the grain.</summary>
public static class GrainErrorCodes
{
    /// <summary>A dependency (PostgreSQL, the message broker) is unavailable; the call did not complete. Retry with backoff.</summary>
    public const string ServiceUnavailable = "SERVICE_UNAVAILABLE";

    /// <summary>The activation that got the call is not (or no longer) the grain's owner, so the call took no effect: a
    /// silo that does not own the grain under its view, or an activation whose state another activation has written since.
    /// Callers retry; the cluster dispatcher does so by itself.</summary>
    public const string NotOwner = "NOT_OWNER";

    /// <summary>The call's content was refused (for example by PostgreSQL, see <c>PostgresErrors.IsDataError</c>).</summary>
    public const string InvalidRequest = "INVALID_REQUEST";

    /// <summary>The target silo is gone (its queue vanished, or it was declared dead with the call in flight); retryable.</summary>
    public const string SiloUnavailable = "SILO_UNAVAILABLE";

    /// <summary>The call did not complete within its deadline (<see cref="GrainCallTimeoutException"/>).</summary>
    public const string CallTimeout = "GRAIN_CALL_TIMEOUT";

    /// <summary>A state write lost its ETag race (<see cref="Persistence.InconsistentStateException"/>).</summary>
    public const string StateConflict = "STATE_CONFLICT";

    /// <summary>A grain failed with an exception that is not a <see cref="GrainException"/>; its text stays in the silo's log.</summary>
    public const string InternalError = "INTERNAL_ERROR";
}

/// <summary>A call that did not complete within its deadline (default 30 s, <c>GrainRuntimeOptions.CallTimeout</c>).
/// The call may still run later; callers should treat the outcome as unknown.</summary>
public sealed class GrainCallTimeoutException(GrainId grain, string method, TimeSpan timeout)
    : GrainException(GrainErrorCodes.CallTimeout, $"Call {method} on {grain} did not complete within {timeout.TotalSeconds:0.###} s.");
