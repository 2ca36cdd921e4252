using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.SignalR;
using OrleansRides.GrainInterfaces.Rides;

namespace OrleansRides.FrontendHost.Rides;

/// <summary><c>JoinRide</c>'s argument.</summary>
/// <param name="AccessCode">The route's 6-character code (case-insensitive).</param>
/// <param name="Role"><c>leader</c> or <c>follower</c>.</param>
/// <param name="LeaderKey">Required for <c>leader</c>.</param>
/// <param name="DisplayName">Optional, at most 40 characters.</param>
public sealed record JoinRideRequest(string? AccessCode, RideRole? Role, string? LeaderKey, string? DisplayName);

/// <summary>Turns hub arguments, received as raw JSON so that a wrong type is our typed error rather than SignalR's
/// generic binding failure, into requests; every failure is a <see cref="HubException"/> whose message starts with a code.</summary>
public static class HubRequests
{
    /// <summary>Longest display name accepted.</summary>
    public const int MaxDisplayNameLength = 40;

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

    /// <summary>Reads and normalizes an access code argument.</summary>
    /// <exception cref="HubException"><c>INVALID_REQUEST</c> when not a string, <c>RIDE_NOT_FOUND</c> when it cannot be a code.</exception>
    public static string AccessCode(JsonElement argument) => argument.ValueKind == JsonValueKind.String
        ? AccessCode(argument.GetString())
        : throw new HubException($"{RideErrorCodes.InvalidRequest}: accessCode must be a string.");

    /// <summary>Normalizes an access code.</summary>
    /// <exception cref="HubException"><c>RIDE_NOT_FOUND</c> when it cannot be a code.</exception>
    public static string AccessCode(string? value) => AccessCodes.Normalize(value)
        ?? throw new HubException($"{RideErrorCodes.RideNotFound}: '{Truncate(value)}' is not an access code.");

    /// <summary>Checks a join request and turns it into the grain's <see cref="RideJoin"/>.</summary>
    /// <exception cref="HubException"><c>INVALID_REQUEST</c> or <c>RIDE_NOT_FOUND</c>.</exception>
    public static (string AccessCode, RideJoin Join) Join(JsonElement argument, string connectionId)
    {
        var request = Parse<JoinRideRequest>(argument, RideErrorCodes.InvalidRequest);
        var code = AccessCode(request.AccessCode);
        if (request.Role is not { } role)
        {
            throw new HubException($"{RideErrorCodes.InvalidRequest}: role must be \"leader\" or \"follower\".");
        }
        var displayName = request.DisplayName?.Trim();
        if (displayName is { Length: > MaxDisplayNameLength })
        {
            throw new HubException($"{RideErrorCodes.InvalidRequest}: displayName is longer than {MaxDisplayNameLength} characters.");
        }
        return (code, new RideJoin(connectionId, role, request.LeaderKey, string.IsNullOrEmpty(displayName) ? null : displayName));
    }

    private static string Truncate(string? value) => value is { Length: > 12 } ? value[..12] + "…" : value ?? "";
}
