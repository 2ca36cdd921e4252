using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.SignalR;
using OrleansRides.GrainInterfaces.Text;

namespace OrleansRides.FrontendHost.Infrastructure;

/// <summary>Marks a hub request's string property that may hold line feeds and tabs (chat text); every other string
/// property of a request parsed by <see cref="HubArguments.Parse{T}"/> must be a single line.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class MultiLineTextAttribute : Attribute;

/// <summary>Hub methods take their arguments as raw JSON (<see cref="JsonElement"/>) so that a wrong type is our typed error
/// rather than SignalR's generic binding failure; this turns them into request records and applies the project's text rule
/// (<see cref="TextRules"/>) to every string property, so a new hub request field cannot skip it.</summary>
public static class HubArguments
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false) },
    };

    private static readonly ConcurrentDictionary<Type, (PropertyInfo Property, bool MultiLine)[]> TextProperties = new();

    /// <summary>Deserializes <paramref name="argument"/> as <typeparamref name="T"/> and checks its string properties.</summary>
    /// <exception cref="HubException"><paramref name="errorCode"/> naming the offending field.</exception>
    public static T Parse<T>(JsonElement argument, string errorCode) where T : class
    {
        if (argument.ValueKind != JsonValueKind.Object)
        {
            throw new HubException($"{errorCode}: expected a JSON object.");
        }
        T request;
        try
        {
            request = argument.Deserialize<T>(Options) ?? throw new HubException($"{errorCode}: expected a JSON object.");
        }
        catch (JsonException ex)
        {
            // Also a lone surrogate ("\ud800"): System.Text.Json refuses to make a string of it.
            throw new HubException($"{errorCode}: {ex.Path?.TrimStart('$', '.') ?? "value"} has the wrong type or format.");
        }
        foreach (var (property, multiLine) in TextProperties.GetOrAdd(typeof(T), FindTextProperties))
        {
            if (TextRules.Problem((string?)property.GetValue(request), multiLine) is { } problem)
            {
                throw new HubException($"{errorCode}: {JsonNamingPolicy.CamelCase.ConvertName(property.Name)} {problem}.");
            }
        }
        return request;
    }

    /// <summary>A string argument (or <c>null</c> for JSON null), checked against <see cref="TextRules"/> as one line.</summary>
    /// <exception cref="HubException"><paramref name="errorCode"/> when it is neither a string nor null, is not valid
    /// UTF-16 (a lone surrogate), or holds a control character.</exception>
    public static string? String(JsonElement argument, string name, string errorCode)
    {
        if (argument.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined)
        {
            return null;
        }
        if (argument.ValueKind != JsonValueKind.String)
        {
            throw new HubException($"{errorCode}: {name} must be a string.");
        }
        string value;
        try
        {
            value = argument.GetString()!;
        }
        catch (InvalidOperationException)
        {
            throw new HubException($"{errorCode}: {name} contains a lone surrogate.");
        }
        return TextRules.Problem(value) is { } problem ? throw new HubException($"{errorCode}: {name} {problem}.") : value;
    }

    private static (PropertyInfo, bool)[] FindTextProperties(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.PropertyType == typeof(string) && p.CanRead)
            .Select(p => (p, p.GetCustomAttribute<MultiLineTextAttribute>() is not null))
            .ToArray();
}
