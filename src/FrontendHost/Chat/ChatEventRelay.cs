using Microsoft.AspNetCore.SignalR;
using OrleansRides.FrontendHost.Infrastructure;
using OrleansRides.GrainInterfaces.Chat;
using OrleansRides.GrainInterfaces.Studio;
using OrleansRides.Runtime.Topics;

namespace OrleansRides.FrontendHost.Chat;

/// <summary>This frontend's side of chat pushes: room topics (<c>room/{room}</c>) go to the room's connections, session
/// topics (<c>session/{id}</c>, song-request decisions, mutes) to the connections of that member or anonymous session.
/// Messages leave with opaque sender ids (<see cref="SenderIds"/>), computed once per message here, not once per recipient.
/// It also knows which of its connections are in which room as whom, so that a lounge member's removal
/// (<see cref="MemberRemoved"/>) or a deleted lounge (<see cref="RoomClosed"/>) takes exactly those connections out.</summary>
public sealed class ChatEventRelay(ITopicBus bus, IHubContext<ChatHub, IChatClient> hub, SenderIds senderIds)
    : HubTopicRelay<ChatHub, IChatClient>(bus, hub)
{
    // room -> connection id -> sender id, of this frontend's connections. Guarded by itself.
    private readonly Dictionary<string, Dictionary<string, string>> _roomConnections = new(StringComparer.Ordinal);

    /// <summary>Puts a connection in a room's group (before the grain's <c>Join</c>, so no event after it is missed).</summary>
    /// <returns>False when it was in the room already.</returns>
    public async Task<bool> EnterRoomAsync(string room, string connectionId, string senderId)
    {
        lock (_roomConnections)
        {
            if (!_roomConnections.TryGetValue(room, out var connections))
            {
                _roomConnections[room] = connections = new(StringComparer.Ordinal);
            }
            if (!connections.TryAdd(connectionId, senderId))
            {
                return false;
            }
        }
        await AddAsync(ChatTopics.Room(room), connectionId);
        return true;
    }

    /// <summary>Takes a connection out of a room's group. Does nothing when it is not in it (already removed, say).</summary>
    /// <returns>Whether it was in the room.</returns>
    public async Task<bool> ExitRoomAsync(string room, string connectionId)
    {
        lock (_roomConnections)
        {
            if (!_roomConnections.TryGetValue(room, out var connections) || !connections.Remove(connectionId))
            {
                return false;
            }
            if (connections.Count == 0)
            {
                _roomConnections.Remove(room);
            }
        }
        await RemoveAsync(ChatTopics.Room(room), connectionId);
        return true;
    }

    /// <summary>Whether the connection is in the room's group now (a removal may have taken it out).</summary>
    public bool IsInRoom(string room, string connectionId)
    {
        lock (_roomConnections)
        {
            return _roomConnections.TryGetValue(room, out var connections) && connections.ContainsKey(connectionId);
        }
    }

    /// <inheritdoc />
    protected override async ValueTask DeliverAsync(string topic, object message)
    {
        var group = Hub.Clients.Group(topic);
        await (message switch
        {
            NewMessage e => group.NewMessage(senderIds.Public(e.Message)),
            UserJoined e => group.UserJoined(e),
            UserLeft e => group.UserLeft(e),
            PresenceCount e => group.PresenceCount(e),
            MessageModerated e => group.MessageModerated(e),
            MemberRemoved e => ExitAllAsync(e.Room, senderId => senderId == e.UserId, exit => Hub.Clients.Client(exit).RemovedFromRoom(new(e.Room, e.Reason))),
            RoomClosed e => ExitAllAsync(e.Room, _ => true, exit => Hub.Clients.Client(exit).RoomClosed(new(e.Room, "deleted"))),
            MemberMuted e => group.Muted(e),
            RequestApproved e => group.RequestApproved(e.Request),
            RequestRejected e => group.RequestRejected(e.Request),
            _ => Task.CompletedTask,
        });
    }

    private async Task ExitAllAsync(string room, Func<string, bool> whose, Func<string, Task> tell)
    {
        List<string> leaving;
        lock (_roomConnections)
        {
            leaving = _roomConnections.TryGetValue(room, out var connections)
                ? [.. connections.Where(c => whose(c.Value)).Select(c => c.Key)]
                : [];
        }
        foreach (var connectionId in leaving)
        {
            if (await ExitRoomAsync(room, connectionId))
            {
                await tell(connectionId);
            }
        }
    }
}
