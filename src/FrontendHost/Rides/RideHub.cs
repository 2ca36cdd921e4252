using System.Text.Json;
using Microsoft.AspNetCore.SignalR;
using OrleansRides.FrontendHost.Infrastructure;
using OrleansRides.GrainInterfaces.Rides;
using OrleansRides.Runtime;

namespace OrleansRides.FrontendHost.Rides;

/// <summary><c>/hubs/ride</c>: join a ride as leader or follower, stream the leader's positions, leave or end.
/// Thin by design: it parses arguments, keeps SignalR groups in step, and lets <see cref="IRideGrain"/> decide.
/// Every failure reaches only the caller, as a <see cref="HubException"/> whose message starts with a code from
/// <see cref="RideErrorCodes"/> (see <c>docs/realtime-protocol.md</c>).</summary>
public sealed class RideHub(IGrainFactory grains, RideEventRelay relay) : Hub<IRideClient>
{
    /// <summary>Joins the ride of <c>request.accessCode</c>; returns its snapshot.</summary>
    public async Task<RideSnapshot> JoinRide(JsonElement request)
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
        var code = HubRequests.AccessCode(accessCode);
        var input = HubArguments.Parse<PositionInput>(position, RideErrorCodes.InvalidPosition);
        return await grains.GetGrain<IRideGrain>(code).UpdateLocation(Context.ConnectionId, input);
    }

    /// <summary>The last position of the ride, or null.</summary>
    public Task<Position?> RequestLocation(JsonElement accessCode) =>
        grains.GetGrain<IRideGrain>(HubRequests.AccessCode(accessCode)).GetLastPosition();

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
        grains.GetGrain<IRideGrain>(HubRequests.AccessCode(accessCode)).End(Context.ConnectionId);

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

    private HashSet<string> Memberships =>
        Context.GetOrCreate(nameof(Memberships), () => new HashSet<string>(StringComparer.Ordinal));
}
