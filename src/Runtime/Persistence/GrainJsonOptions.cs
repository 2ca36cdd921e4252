using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace OrleansRides.Runtime.Persistence;

/// <summary>The JSON settings for grain state and (in cluster mode, which registers its own context) messages: camelCase, enums as camelCase strings, and
/// type information only from the source-generated contexts registered with
/// <see cref="Hosting.GrainRuntimeBuilder.AddJsonContext"/> (no reflection fallback).</summary>
public sealed class GrainJsonOptions
{
    internal GrainJsonOptions(IEnumerable<IJsonTypeInfoResolver> resolvers)
    {
        Options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            TypeInfoResolver = JsonTypeInfoResolver.Combine([.. resolvers]),
            Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        };
        Options.MakeReadOnly();
    }

    /// <summary>The frozen options.</summary>
    public JsonSerializerOptions Options { get; }
}
