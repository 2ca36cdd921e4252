using OrleansRides.GrainInterfaces.Studio;

namespace OrleansRides.GrainInterfaces.Chat;

/// <summary>The callbacks a <c>/hubs/chat</c> client receives (camelCase in JavaScript: <c>connection.on("newMessage", ...)</c>).</summary>
public interface IChatClient
{
    /// <summary>A message in a room the connection joined.</summary>
    Task NewMessage(ChatMessage message);

    /// <summary>Someone joined a small room.</summary>
    Task UserJoined(UserJoined joined);

    /// <summary>Someone left a small room.</summary>
    Task UserLeft(UserLeft left);

    /// <summary>The presence count of a large room.</summary>
    Task PresenceCount(PresenceCount count);

    /// <summary>A message was hidden, deleted or flagged.</summary>
    Task MessageModerated(MessageModerated moderated);

    /// <summary>To a lounge member's connections in that room: they were removed (<c>reason</c> <c>removed</c>) or left
    /// (<c>left</c>) and get no more of its events; joining again needs membership again.</summary>
    Task RemovedFromRoom(RoomExit exit);

    /// <summary>To everyone in a lounge its owner deleted: the room is closed (<c>reason</c> <c>deleted</c>).</summary>
    Task RoomClosed(RoomExit exit);

    /// <summary>To a member's connections: a lounge moderator muted them until <c>until</c> (UTC), or lifted it (null).</summary>
    Task Muted(MemberMuted muted);

    /// <summary>To the requester's session: a DJ approved its song request.</summary>
    Task RequestApproved(SongRequest request);

    /// <summary>To the requester's session: a DJ rejected its song request.</summary>
    Task RequestRejected(SongRequest request);
}
