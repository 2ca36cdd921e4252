using System.Text.Json;
using Microsoft.AspNetCore.SignalR;
using OrleansRides.FrontendHost.Catalog;
using OrleansRides.FrontendHost.Infrastructure;
using OrleansRides.GrainInterfaces.Rides;
using OrleansRides.Runtime;

namespace OrleansRides.FrontendHost.Rides;

/// <summary><c>/hubs/ride</c>: join a ride as leader or follower, stream the leader's positions, leave or end.
/// Thin by design: it parses arguments, keeps SignalR groups in step, and lets <see cref="IRideGrain"/> decide.
/// Every failure reaches only the caller, as a <see cref="HubException"/> whose message starts with a code from
/// <see cref="RideErrorCodes"/> (see <c>docs/realtime-protocol.md</c>). The calls that look a code up (<c>JoinRide</c>,
/// <c>RequestLocation</c>) count unknown codes against the caller's address (<see cref="AccessCodeLookups"/>); the leader's
/// calls answer <c>NOT_LEADER</c> on a connection that has not joined the code, so they tell nothing about codes.</summary>
public sealed class RideHub(IGrainFactory grains, RideEventRelay relay, AccessCodeLookups lookups, HubConnectionStates connections) : Hub<IRideClient>
{
    /// <summary>Joins the ride of <c>request.accessCode</c>; returns its snapshot.</summary>
    public Task<RideSnapshot> JoinRide(JsonElement request) => LookUpAsync(() => JoinAsync(request));

    private async Task<RideSnapshot> JoinAsync(JsonElement request)
    {
        var (code, join) = HubRequests.Join(request, Context.ConnectionId, Auth.Roles.IsStaff(Auth.CallerClaims.RoleName(Context.User!)));
        var memberships = Memberships;
        var alreadyMember = memberships.Contains(code);
        await relay.AddMemberAsync(code, Context.ConnectionId, join.Role == RideRole.Leader, alreadyMember);
        try
        {
            var snapshot = await grains.GetGrain<IRideGrain>(code).Join(join);
            memberships.Add(code);
            return snapshot;
        }
        catch when (!alreadyMember)
        {
            await relay.RemoveMemberAsync(code, Context.ConnectionId);
            throw;
        }
    }

    /// <summary>Leader only: broadcasts a position <c>{ lat, lng, accuracy?, heading?, speed?, timestamp? }</c>;
    /// returns it as accepted, with its <c>seq</c>.</summary>
    public async Task<Position> UpdateLocation(JsonElement accessCode, JsonElement position)
    {
        var code = JoinedCode(accessCode);
        var input = HubArguments.Parse<PositionInput>(position, RideErrorCodes.InvalidPosition);
        return await grains.GetGrain<IRideGrain>(code).UpdateLocation(Context.ConnectionId, input);
    }

    /// <summary>The last position of the ride, or null.</summary>
    public Task<Position?> RequestLocation(JsonElement accessCode) =>
        LookUpAsync(() => grains.GetGrain<IRideGrain>(HubRequests.AccessCode(accessCode)).GetLastPosition());

    /// <summary>Leaves the ride (a leader leaving on purpose is shown offline at once).</summary>
    public async Task LeaveRide(JsonElement accessCode)
    {
        var code = HubRequests.AccessCode(accessCode);
        if (Memberships.Remove(code))
        {
            await grains.GetGrain<IRideGrain>(code).Leave(Context.ConnectionId, connectionLost: false);
            await relay.RemoveMemberAsync(code, Context.ConnectionId);
        }
    }

    /// <summary>Leader only: ends the ride and saves its track.</summary>
    public Task EndRide(JsonElement accessCode) =>
        grains.GetGrain<IRideGrain>(JoinedCode(accessCode)).End(Context.ConnectionId);

    /// <inheritdoc />
    public override async Task OnDisconnectedAsync(Exception? exception)
    {
        foreach (var code in Memberships)
        {
            await relay.RemoveMemberAsync(code, Context.ConnectionId);
            try
            {
                await grains.GetGrain<IRideGrain>(code).Leave(Context.ConnectionId, connectionLost: true);
            }
            catch (GrainException)
            {
                // The ride is gone or unreachable; there is nothing left to leave.
            }
        }
        await base.OnDisconnectedAsync(exception);
    }

    // Refuses a blocked address before the look-up, and counts the look-up when no route has the code.
    private async Task<T> LookUpAsync<T>(Func<Task<T>> lookUp)
    {
        using var lookup = await lookups.BeginAsync(Context.GetHttpContext()?.Connection.RemoteIpAddress, Context.ConnectionAborted);
        if (lookup.RetryAfter is { } wait)
        {
            throw new HubException(
                $"{RideErrorCodes.RateLimited}: too many unknown access codes from this address; try again in {Math.Ceiling(wait.TotalSeconds)} s.");
        }
        try
        {
            return await lookUp();
        }
        catch (Exception ex) when (IsUnknownCode(ex))
        {
            lookup.Failed();
            throw;
        }
    }

    private static bool IsUnknownCode(Exception ex) => ex switch
    {
        GrainException grain => grain.Code == RideErrorCodes.RideNotFound,
        HubException hub => hub.Message.StartsWith($"{RideErrorCodes.RideNotFound}:", StringComparison.Ordinal),
        _ => false,
    };

    // Only a connection that joined a ride can lead it; answering before the grain keeps unknown codes from showing.
    private string JoinedCode(JsonElement accessCode)
    {
        var code = HubRequests.AccessCode(accessCode);
        return Memberships.Contains(code)
            ? code
            : throw new HubException($"{RideErrorCodes.NotLeader}: only the ride's leader may do this; join the ride first.");
    }

    private HashSet<string> Memberships => connections.Of(Context).Joined;
}
