using System.Text.Json;
using System.Text.Json.Serialization;

namespace OrleansRides.Runtime.Cluster;

/// <summary>Source-generated JSON metadata for the primitive argument and result types (the runtime's own messages are
/// written and read by <see cref="GrainWireFormat"/>).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
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
        public const string SiloUnavailable = GrainErrorCodes.SiloUnavailable;

        /// <summary>The call reached a silo that does not own the grain under its view; it did not run.</summary>
        public const string NotOwner = GrainErrorCodes.NotOwner;
    }
}
