using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using OrleansRides.FrontendHost.Infrastructure;
using OrleansRides.FrontendHost.Auth;
using OrleansRides.GrainInterfaces.Chat;
using OrleansRides.GrainInterfaces.Sessions;
using OrleansRides.Lounges.LoungeAccess;
using OrleansRides.Runtime;

namespace OrleansRides.FrontendHost.Chat;

/// <summary><c>JoinRoom</c>'s argument.</summary>
/// <param name="Room"><c>lounge/{id}</c> or <c>radio/{name}</c>.</param>
public sealed record JoinRoomRequest(string? Room);

/// <summary><c>SendMessage</c>'s argument.</summary>
/// <param name="Room">A room the connection joined.</param>
/// <param name="Text">Plain text, 1 to 500 characters after trimming.</param>
/// <param name="ClientMessageId">Optional retry key, at most 64 characters.</param>
public sealed record SendMessageRequest(string? Room, [property: MultiLineText] string? Text, string? ClientMessageId);

/// <summary>What <c>JoinRoom</c> returns: the room's snapshot with opaque sender ids (<see cref="SenderIds"/>).</summary>
/// <param name="Room">The room.</param>
/// <param name="History">The last messages (up to <see cref="ChatRules.HistoryOnJoin"/>), oldest first; hidden and deleted
/// ones excluded.</param>
/// <param name="PresenceCount">Connections in the room now, including the caller.</param>
/// <param name="SlowModeSeconds">Minimum seconds between two messages of one sender (0: off; moderators exempt).</param>
/// <param name="MySenderId">The caller's own <c>senderId</c> in this room, to tell its messages from others'.</param>
public sealed record JoinedRoom(string Room, IReadOnlyList<ChatMessage> History, int PresenceCount, int SlowModeSeconds, string MySenderId);

/// <summary><c>/hubs/chat</c>: join rooms, talk, and hear song-request decisions. Needs a token (<c>access_token</c> query):
/// a member's for lounges, a member's or an anonymous live-chat session's for radio rooms. Every failure reaches only the
/// caller, as an error whose message starts with a code from <see cref="ChatErrorCodes"/>.</summary>
[Authorize(Policy = Roles.ChattersPolicy)]
public sealed class ChatHub(IGrainFactory grains, ChatEventRelay relay, SenderIds senderIds, LoungeMembers lounges, HubConnectionStates connections)
    : Hub<IChatClient>
{
    /// <summary>Rooms one connection may be in at once (each costs a topic subscription on this frontend).</summary>
    public const int MaxRoomsPerConnection = 20;

    /// <inheritdoc />
    public override async Task OnConnectedAsync()
    {
        await relay.AddAsync(ChatTopics.Session(Caller.SenderId), Context.ConnectionId);
        if (ListenerSession is { } session)
        {
            await session.Connect(Context.ConnectionId);
        }
        await base.OnConnectedAsync();
    }

    /// <summary>Joins a room: <c>{ room }</c> → <c>{ room, history, presenceCount, slowModeSeconds, mySenderId }</c>.</summary>
    public async Task<JoinedRoom> JoinRoom(JsonElement request)
    {
        var room = RoomName(HubArguments.Parse<JoinRoomRequest>(request, ChatErrorCodes.InvalidRequest).Room);
        if (ChatRules.IsLounge(room) && !Roles.AccountRoles.Contains(Context.User!.RoleName()))
        {
            throw new HubException($"{ChatErrorCodes.Forbidden}: lounges are for members; sign up or log in.");
        }
        if (ChatRules.IsLounge(room) && Context.User!.UserId() is { } userId && await lounges.JoinPublicAsync(room, userId, Context.ConnectionAborted))
        {
            // Entering a public lounge makes the caller a member of it; a private one needs an invite or the owner's approval.
            await grains.GetGrain<IChatRoomGrain>(room).MemberChanged(userId.ToString(), "joined");
        }
        var rooms = Rooms;
        // A lounge removal takes the connection out of the room's group without the hub's knowledge: forget it here too.
        rooms.RemoveWhere(joined => !relay.IsInRoom(joined, Context.ConnectionId));
        if (!rooms.Contains(room) && rooms.Count >= MaxRoomsPerConnection)
        {
            throw new HubException($"{ChatErrorCodes.InvalidRequest}: at most {MaxRoomsPerConnection} rooms per connection; leave one first.");
        }
        var entered = await relay.EnterRoomAsync(room, Context.ConnectionId, Caller.SenderId);
        try
        {
            var snapshot = await grains.GetGrain<IChatRoomGrain>(room).Join(Caller);
            rooms.Add(room);
            return new JoinedRoom(snapshot.Room, senderIds.Public(snapshot.History), snapshot.PresenceCount, snapshot.SlowModeSeconds,
                senderIds.For(room, Caller.SenderId));
        }
        catch when (entered)
        {
            await relay.ExitRoomAsync(room, Context.ConnectionId);
            throw;
        }
    }

    /// <summary>Sends to a joined room: <c>{ room, text, clientMessageId? }</c> → the stored message.</summary>
    public async Task<ChatMessage> SendMessage(JsonElement request)
    {
        var send = HubArguments.Parse<SendMessageRequest>(request, ChatErrorCodes.InvalidRequest);
        var room = RoomName(send.Room);
        if (!Rooms.Contains(room) || !relay.IsInRoom(room, Context.ConnectionId))
        {
            throw new HubException($"{ChatErrorCodes.Forbidden}: join the room before sending to it.");
        }
        var sender = Caller;
        if (ListenerSession is { } session)
        {
            // The station's 100 a minute is per listener session across all rooms (decision 75): its grain counts.
            await session.TakeChatMessage();
            sender = sender with { BudgetedBySession = true };
        }
        return senderIds.Public(await grains.GetGrain<IChatRoomGrain>(room).Send(sender, new ChatMessageInput(send.Text, send.ClientMessageId)));
    }

    /// <summary>Leaves a room (a string argument, the room name). Leaving a room not joined does nothing.</summary>
    public async Task LeaveRoom(JsonElement room)
    {
        var name = room.ValueKind == JsonValueKind.String
            ? RoomName(HubArguments.String(room, "room", ChatErrorCodes.InvalidRequest))
            : throw new HubException($"{ChatErrorCodes.InvalidRequest}: room must be a string.");
        if (Rooms.Remove(name))
        {
            await LeaveAsync(name);
        }
    }

    /// <inheritdoc />
    public override async Task OnDisconnectedAsync(Exception? exception)
    {
        foreach (var room in Rooms)
        {
            try
            {
                await LeaveAsync(room);
            }
            catch (GrainException)
            {
                // The room is unreachable; its presence forgets this connection when it is reactivated.
            }
        }
        await relay.RemoveAsync(ChatTopics.Session(Caller.SenderId), Context.ConnectionId);
        if (ListenerSession is { } session)
        {
            try
            {
                await session.Disconnect(Context.ConnectionId);
            }
            catch (GrainException)
            {
                // Unreachable; its connection count restarts from the connections that register again.
            }
        }
        await base.OnDisconnectedAsync(exception);
    }

    private async Task LeaveAsync(string room)
    {
        await relay.ExitRoomAsync(room, Context.ConnectionId);
        await grains.GetGrain<IChatRoomGrain>(room).Leave(Context.ConnectionId);
    }

    private ChatMember Caller => new(Context.ConnectionId, Context.User!.SubjectId()!, Context.User!.DisplayName(),
        Roles.IsModerator(Context.User!.RoleName()));

    /// <summary>The session grain of a live-chat listener (token subject <c>s-…</c>, <see cref="SessionKeys"/>); null for
    /// members, whose budget stays per room, and for listener tokens issued before sessions were rows.</summary>
    private ISessionGrain? ListenerSession => SessionKeys.TryParseListenerSubject(Context.User!.SubjectId(), out var id)
        ? grains.GetGrain<ISessionGrain>(SessionKeys.GrainKey(id.Value))
        : null;

    private static string RoomName(string? room) => ChatRules.IsRoomName(room)
        ? room!
        : throw new HubException($"{ChatErrorCodes.RoomNotFound}: '{(room is { Length: > 50 } ? room[..50] + "…" : room)}' is not a room.");

    private HashSet<string> Rooms => connections.Of(Context).Joined;
}
