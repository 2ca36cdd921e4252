using System.Text.Json;
using System.Text.Json.Serialization;

namespace OrleansRides.Runtime.Cluster;

/// <summary>A grain call on the wire. Arguments are serialized one by one with the method's parameter types.</summary>
/// <param name="GrainType">Grain type name (<c>ride</c>).</param>
/// <param name="Key">Grain key.</param>
/// <param name="Interface">Full name of the grain interface.</param>
/// <param name="Method">Method name (grain methods are not overloaded).</param>
/// <param name="Arguments">The arguments, in order.</param>
/// <param name="DeadlineUnixMs">The caller's deadline, Unix milliseconds UTC.</param>
public sealed record CallRequest(string GrainType, string Key, string Interface, string Method, JsonElement[] Arguments, long DeadlineUnixMs);

/// <summary>The outcome of a call on the wire.</summary>
/// <param name="Result">The return value, when the call succeeded and returns one.</param>
/// <param name="ErrorCode">The <see cref="GrainException.Code"/> (or <c>INTERNAL_ERROR</c>) when it failed.</param>
/// <param name="ErrorMessage">The error message when it failed.</param>
public sealed record CallResponse(JsonElement? Result, string? ErrorCode, string? ErrorMessage);

/// <summary>A topic event on the wire: the event's type name (as registered) and its JSON.</summary>
/// <param name="Type">Full name of the event's CLR type.</param>
/// <param name="Payload">The event.</param>
public sealed record TopicEnvelope(string Type, JsonElement Payload);

/// <summary>Source-generated JSON metadata for the runtime's own messages and the primitive argument types.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(CallRequest))]
[JsonSerializable(typeof(CallResponse))]
[JsonSerializable(typeof(TopicEnvelope))]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(bool))]
[JsonSerializable(typeof(int))]
[JsonSerializable(typeof(long))]
[JsonSerializable(typeof(double))]
[JsonSerializable(typeof(Guid))]
public sealed partial class ClusterJsonContext : JsonSerializerContext;

/// <summary>The target silo is gone (its queue vanished, or it was declared dead while the call was in flight). Retryable:
/// the grain is placed elsewhere under the next view. When <see cref="MayHaveRun"/> is false the runtime retries by itself;
/// otherwise the call may have run before the silo died, and the caller decides whether repeating it is safe.</summary>
public sealed class SiloUnavailableException(string siloId, string detail, bool mayHaveRun)
    : GrainException(Codes.SiloUnavailable, $"Silo {siloId} is unavailable ({detail}); retry.")
{
    /// <summary>Whether the call may have run before the failure.</summary>
    public bool MayHaveRun { get; } = mayHaveRun;

    /// <summary>Codes of the runtime's retryable failures.</summary>
    public static class Codes
    {
        /// <summary>The target silo is gone.</summary>
        public const string SiloUnavailable = "SILO_UNAVAILABLE";

        /// <summary>The call reached a silo that does not own the grain under its view; it did not run.</summary>
        public const string NotOwner = GrainErrorCodes.NotOwner;
    }
}
