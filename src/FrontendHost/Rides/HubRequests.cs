using System.Text.Json;
using Microsoft.AspNetCore.SignalR;
using OrleansRides.FrontendHost.Infrastructure;
using OrleansRides.GrainInterfaces.Rides;
using OrleansRides.GrainInterfaces.Text;

namespace OrleansRides.FrontendHost.Rides;

/// <summary><c>JoinRide</c>'s argument.</summary>
/// <param name="AccessCode">The route's 10- (or older 6-) character code (case-insensitive).</param>
/// <param name="Role"><c>leader</c> or <c>follower</c>.</param>
/// <param name="LeaderKey">Required for <c>leader</c>.</param>
/// <param name="DisplayName">Optional, at most 40 characters once normalised (<see cref="DisplayNames"/>; staff-looking words
/// only for staff tokens).</param>
public sealed record JoinRideRequest(string? AccessCode, RideRole? Role, string? LeaderKey, string? DisplayName);

/// <summary>Turns ride hub arguments into requests; every failure is a <see cref="HubException"/> whose message starts
/// with a code from <see cref="RideErrorCodes"/>.</summary>
public static class HubRequests
{
    /// <summary>Reads and normalizes an access code argument.</summary>
    /// <exception cref="HubException"><c>INVALID_REQUEST</c> when not a string, <c>RIDE_NOT_FOUND</c> when it cannot be a code.</exception>
    public static string AccessCode(JsonElement argument) => argument.ValueKind == JsonValueKind.String
        ? AccessCode(HubArguments.String(argument, "accessCode", RideErrorCodes.InvalidRequest))
        : throw new HubException($"{RideErrorCodes.InvalidRequest}: accessCode must be a string.");

    /// <summary>Normalizes an access code.</summary>
    /// <exception cref="HubException"><c>RIDE_NOT_FOUND</c> when it cannot be a code.</exception>
    public static string AccessCode(string? value) => AccessCodes.Normalize(value)
        ?? throw new HubException($"{RideErrorCodes.RideNotFound}: '{Truncate(value)}' is not an access code.");

    /// <summary>Checks a join request and turns it into the grain's <see cref="RideJoin"/>.</summary>
    /// <param name="argument">The raw argument.</param>
    /// <param name="connectionId">The caller's connection.</param>
    /// <param name="isStaff">Whether the caller's token has a staff role (<see cref="Auth.Roles.IsStaff"/>).</param>
    /// <exception cref="HubException"><c>INVALID_REQUEST</c> or <c>RIDE_NOT_FOUND</c>.</exception>
    public static (string AccessCode, RideJoin Join) Join(JsonElement argument, string connectionId, bool isStaff)
    {
        var request = HubArguments.Parse<JoinRideRequest>(argument, RideErrorCodes.InvalidRequest);
        var code = AccessCode(request.AccessCode);
        if (request.Role is not { } role)
        {
            throw new HubException($"{RideErrorCodes.InvalidRequest}: role must be \"leader\" or \"follower\".");
        }
        string? displayName = null;
        if (!string.IsNullOrWhiteSpace(request.DisplayName))
        {
            var check = DisplayNames.Check(request.DisplayName, isStaff);
            displayName = check.Name ?? throw new HubException($"{RideErrorCodes.InvalidRequest}: displayName {check.Error}.");
        }
        return (code, new RideJoin(connectionId, role, request.LeaderKey, displayName));
    }

    private static string Truncate(string? value) => value is { Length: > 12 } ? value[..12] + "…" : value ?? "";
}
