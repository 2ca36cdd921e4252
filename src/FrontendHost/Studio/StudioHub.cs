using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using OrleansRides.FrontendHost.Auth;
using OrleansRides.FrontendHost.Infrastructure;
using OrleansRides.GrainInterfaces.Studio;
using OrleansRides.Runtime;
using OrleansRides.Runtime.Topics;

namespace OrleansRides.FrontendHost.Studio;

/// <summary><c>/hubs/studio</c>, the DJ console (roles <c>penyiar</c> and <c>admin</c>): every connection receives
/// <c>newSongRequest</c>, <c>requestApproved</c> and <c>requestRejected</c>; DJs list and decide requests. Failures reach
/// the caller as errors starting with a code from <see cref="StudioErrorCodes"/>. A connection is closed when its token
/// expires, is logged out, or its account is demoted or deactivated; a decision also re-checks the token first, so one
/// racing the close is refused with <c>UNAUTHORIZED</c>.</summary>
[Authorize(Policy = Roles.DjsPolicy)]
public sealed class StudioHub(IGrainFactory grains, StudioEventRelay relay, TokenRevocations revocations) : Hub<IStudioClient>
{
    private static string Topic => StudioTopics.For(StudioTopics.Main);

    private IStudioGrain Studio => grains.GetGrain<IStudioGrain>(StudioTopics.Main);

    /// <inheritdoc />
    public override async Task OnConnectedAsync()
    {
        await relay.AddAsync(Topic, Context.ConnectionId);
        await base.OnConnectedAsync();
    }

    /// <inheritdoc />
    public override async Task OnDisconnectedAsync(Exception? exception)
    {
        await relay.RemoveAsync(Topic, Context.ConnectionId);
        await base.OnDisconnectedAsync(exception);
    }

    /// <summary>The pending requests, oldest first.</summary>
    public Task<IReadOnlyList<SongRequest>> GetPendingRequests() => Studio.GetPending();

    /// <summary>Approves a pending request (argument: its id, a UUID string).</summary>
    public async Task<SongRequest> ApproveRequest(JsonElement id)
    {
        var requestId = RequestId(id);
        await EnsureTokenIsCurrentAsync();
        return await Studio.Approve(requestId, Context.User!.SubjectId()!);
    }

    /// <summary>Rejects a pending request: its id and an optional reason (a string of at most 200 characters, or null).</summary>
    public async Task<SongRequest> RejectRequest(JsonElement id, JsonElement reason)
    {
        var text = reason.ValueKind switch
        {
            JsonValueKind.Null or JsonValueKind.Undefined => null,
            JsonValueKind.String when HubArguments.String(reason, "reason", StudioErrorCodes.InvalidRequest)!.Trim() is { Length: <= 200 } trimmed
                => trimmed.Length == 0 ? null : trimmed,
            _ => throw new HubException($"{StudioErrorCodes.InvalidRequest}: reason must be a string of at most 200 characters."),
        };
        var requestId = RequestId(id);
        await EnsureTokenIsCurrentAsync();
        return await Studio.Reject(requestId, text, Context.User!.SubjectId()!);
    }

    // The role in the connection's claims is the one its token had at connect time; a decision is rare and acts on someone
    // else's request, so it is worth one query to know the role still holds even before the revocation event has closed
    // this connection. (Aborting here would lose the error on its way to the caller; the event does the closing.)
    private async Task EnsureTokenIsCurrentAsync()
    {
        if (!await revocations.IsCurrentAsync(Context.User!, Context.ConnectionAborted))
        {
            throw new HubException($"{StudioErrorCodes.Unauthorized}: this token was revoked (logout, role change or deactivation); log in again.");
        }
    }

    private static Guid RequestId(JsonElement id) =>
        id.ValueKind == JsonValueKind.String && Guid.TryParse(HubArguments.String(id, "id", StudioErrorCodes.InvalidRequest), out var parsed)
            ? parsed
            : throw new HubException($"{StudioErrorCodes.InvalidRequest}: id must be a song request id (a UUID string).");
}

/// <summary>This frontend's side of studio pushes: the studio topic goes to every connected DJ.</summary>
public sealed class StudioEventRelay(ITopicBus bus, IHubContext<StudioHub, IStudioClient> hub) : HubTopicRelay<StudioHub, IStudioClient>(bus, hub)
{
    /// <inheritdoc />
    protected override async ValueTask DeliverAsync(string topic, object message)
    {
        var djs = Hub.Clients.Group(topic);
        await (message switch
        {
            NewSongRequest e => djs.NewSongRequest(e.Request),
            RequestApproved e => djs.RequestApproved(e.Request),
            RequestRejected e => djs.RequestRejected(e.Request),
            _ => Task.CompletedTask,
        });
    }
}
