namespace OrleansRides.GrainInterfaces.Chat;

/// <summary>An event a room publishes on <see cref="ChatTopics.Room"/>; frontends turn each into the <see cref="IChatClient"/>
/// callback of the same name, whose payload is the record (for <see cref="NewMessage"/>, the message itself).</summary>
public abstract record ChatEvent;

/// <summary>A message was accepted. To everyone in the room, in the order the room accepted them.</summary>
public sealed record NewMessage(ChatMessage Message) : ChatEvent;

/// <summary>Someone joined (sent while the room has at most <c>Chat:PresenceDetailLimit</c> connections).</summary>
public sealed record UserJoined(string Room, string DisplayName, int PresenceCount) : ChatEvent;

/// <summary>Someone left (sent while the room has at most <c>Chat:PresenceDetailLimit</c> connections).</summary>
public sealed record UserLeft(string Room, string DisplayName, int PresenceCount) : ChatEvent;

/// <summary>The number of connections in a large room, at most once per second while it changes.</summary>
public sealed record PresenceCount(string Room, int Count) : ChatEvent;

/// <summary>A moderator acted on a message; clients remove it (<c>hide</c>, <c>delete</c>) or mark it (<c>flag</c>).</summary>
public sealed record MessageModerated(string Room, Guid MessageId, ModerationAction Action) : ChatEvent;

/// <summary>A lounge member was removed (or left): every frontend takes that member's connections out of the room's group
/// and tells them <c>removedFromRoom { room, reason }</c>. Never sent to clients as it is (it names the user id).</summary>
/// <param name="Room">The lounge's room.</param>
/// <param name="UserId">The removed member's user id (their <see cref="ChatMember.SenderId"/>).</param>
/// <param name="Reason"><c>removed</c> (by a lounge moderator) or <c>left</c>.</param>
public sealed record MemberRemoved(string Room, string UserId, string Reason) : ChatEvent;

/// <summary>A lounge was deleted: every frontend takes all connections out of the room's group and tells them
/// <c>roomClosed { room }</c>.</summary>
public sealed record RoomClosed(string Room) : ChatEvent;

/// <summary>To a muted member's session (<see cref="ChatTopics.Session"/>): <c>muted { room, until }</c>; <c>until</c> null
/// means the mute was lifted.</summary>
public sealed record MemberMuted(string Room, DateTimeOffset? Until) : ChatEvent;

/// <summary>What <c>removedFromRoom</c> and <c>roomClosed</c> carry to clients.</summary>
/// <param name="Room">The room the connection is no longer in.</param>
/// <param name="Reason"><c>removed</c>, <c>left</c> or <c>deleted</c>.</param>
public sealed record RoomExit(string Room, string Reason);

/// <summary>Topic names for chat events.</summary>
public static class ChatTopics
{
    /// <summary><c>room/{room}</c>, for example <c>room/radio/live</c>.</summary>
    public static string Room(string room) => $"room/{room}";

    /// <summary><c>session/{senderId}</c>: events for one member or anonymous session, on every connection it has.</summary>
    public static string Session(string senderId) => $"session/{senderId}";
}
