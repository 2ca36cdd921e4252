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

/// <summary>Topic names for chat events.</summary>
public static class ChatTopics
{
    /// <summary><c>room/{room}</c>, for example <c>room/radio/live</c>.</summary>
    public static string Room(string room) => $"room/{room}";

    /// <summary><c>session/{senderId}</c>: events for one member or anonymous session, on every connection it has.</summary>
    public static string Session(string senderId) => $"session/{senderId}";
}
