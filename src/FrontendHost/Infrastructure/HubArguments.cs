using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.SignalR;

namespace OrleansRides.FrontendHost.Infrastructure;

/// <summary>Hub methods take their arguments as raw JSON (<see cref="JsonElement"/>) so that a wrong type is our typed error
/// rather than SignalR's generic binding failure; this turns them into request records.</summary>
public static class HubArguments
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false) },
    };

    /// <summary>Deserializes <paramref name="argument"/> as <typeparamref name="T"/>.</summary>
    /// <exception cref="HubException"><paramref name="errorCode"/> naming the offending field.</exception>
    public static T Parse<T>(JsonElement argument, string errorCode) where T : class
    {
        if (argument.ValueKind != JsonValueKind.Object)
        {
            throw new HubException($"{errorCode}: expected a JSON object.");
        }
        try
        {
            return argument.Deserialize<T>(Options) ?? throw new HubException($"{errorCode}: expected a JSON object.");
        }
        catch (JsonException ex)
        {
            throw new HubException($"{errorCode}: {ex.Path?.TrimStart('$', '.') ?? "value"} has the wrong type or format.");
        }
    }
}
