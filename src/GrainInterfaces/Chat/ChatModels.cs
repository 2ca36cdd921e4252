namespace OrleansRides.GrainInterfaces.Chat;

/// <summary>A message as the room accepted it. Plain text, never HTML: clients must render it as text.</summary>
/// <param name="Id">Unique id (UUID), used to moderate it.</param>
/// <param name="Room">The room, for example <c>radio/live</c> or <c>lounge/k3v9q2mx</c>.</param>
/// <param name="Seq">Position in the room's order, from 1; history pages go backwards by it.</param>
/// <param name="SenderId">The member's user id, or the anonymous chat session's id.</param>
/// <param name="SenderName">Display name at the time of sending.</param>
/// <param name="Text">Trimmed text, 1 to <see cref="ChatRules.MaxMessageLength"/> characters.</param>
/// <param name="SentAt">When the room accepted it, UTC.</param>
/// <param name="Kind"><c>user</c>, or <c>system</c> for a line the platform wrote itself (a new listing, a sale), whose
/// sender is <see cref="ChatRules.SystemSenderId"/>.</param>
public sealed record ChatMessage(
    Guid Id, string Room, long Seq, string SenderId, string SenderName, string Text, DateTimeOffset SentAt,
    ChatMessageKind Kind = ChatMessageKind.User);

/// <summary>Who wrote a message.</summary>
public enum ChatMessageKind
{
    /// <summary>A member or listener.</summary>
    User,
    /// <summary>The platform (<see cref="IChatRoomGrain.Announce"/>).</summary>
    System,
}

/// <summary>A line the platform posts in a room as a system message.</summary>
/// <param name="Text">Plain text, 1 to <see cref="ChatRules.MaxMessageLength"/> characters.</param>
/// <param name="AnnouncementId">What it announces, unique in the room (for example <c>listing-created:{id}</c>): announcing
/// the same id again returns the first message instead of posting twice, as a client message id does.</param>
public sealed record SystemAnnouncement(string Text, string AnnouncementId);

/// <summary>Who is sending or joining, as the frontend authenticated them.</summary>
/// <param name="ConnectionId">The SignalR connection (presence is counted per connection).</param>
/// <param name="SenderId">User id or chat session id (the rate limit is per sender).</param>
/// <param name="DisplayName">Name shown to the room.</param>
/// <param name="IsModerator">Admins and editors: exempt from slow mode.</param>
/// <param name="BudgetedBySession">Whether the frontend already took this send from the sender's session budget
/// (<c>ISessionGrain.TakeChatMessage</c>: <see cref="ChatRules.MessagesPerMinute"/> across all rooms, for listener
/// sessions); the room then skips its own per-room count. Slow mode and every other rule still apply.</param>
public sealed record ChatMember(string ConnectionId, string SenderId, string DisplayName, bool IsModerator, bool BudgetedBySession = false);

/// <summary>What a client asks to send.</summary>
/// <param name="Text">Raw text; trimmed by the room.</param>
/// <param name="ClientMessageId">Optional id chosen by the client: sending it again (a retry) returns the first message
/// instead of posting twice. At most 64 characters.</param>
public sealed record ChatMessageInput(string? Text, string? ClientMessageId);

/// <summary>What <c>JoinRoom</c> returns.</summary>
/// <param name="Room">The room.</param>
/// <param name="History">The last messages (up to <see cref="ChatRules.HistoryOnJoin"/>), oldest first; hidden and deleted
/// ones excluded.</param>
/// <param name="PresenceCount">Connections in the room now, including the caller.</param>
/// <param name="SlowModeSeconds">Minimum seconds between two messages of one sender (0: off; moderators exempt).</param>
public sealed record RoomSnapshot(string Room, IReadOnlyList<ChatMessage> History, int PresenceCount, int SlowModeSeconds);

/// <summary>A room's moderation settings.</summary>
/// <param name="SlowModeSeconds">0 to 3,600.</param>
/// <param name="BannedTerms">Words or phrases refused (case-insensitive, whole words).</param>
public sealed record RoomSettings(int SlowModeSeconds, IReadOnlyList<string> BannedTerms);

/// <summary>A moderation action. <c>hide</c> and <c>delete</c> take the message out of history (delete also erases its
/// text from the database); <c>flag</c> marks it for review and leaves it visible.</summary>
public enum ModerationAction
{
    /// <summary>Hidden from everyone; the text is kept for review.</summary>
    Hide,
    /// <summary>Removed; the text is erased.</summary>
    Delete,
    /// <summary>Marked for review, still shown.</summary>
    Flag,
}

/// <summary>A moderator's decision about one message.</summary>
/// <param name="MessageId">The message.</param>
/// <param name="Action">What to do.</param>
/// <param name="Reason">Why, for the log (at most 500 characters).</param>
/// <param name="ModeratorId">The moderator's user id, for the log.</param>
public sealed record ModerationRequest(Guid MessageId, ModerationAction Action, string? Reason, string ModeratorId);

/// <summary>Limits of the chat, from the station's rules (design doc: 500 characters, 100 messages per minute).</summary>
public static class ChatRules
{
    /// <summary>Longest message, in characters after trimming.</summary>
    public const int MaxMessageLength = 500;

    /// <summary>Messages returned by <c>JoinRoom</c>.</summary>
    public const int HistoryOnJoin = 50;

    /// <summary>Messages one sender may send per minute: per session across all rooms for listener sessions (their
    /// <c>SessionGrain</c> counts), per room for members.</summary>
    public const int MessagesPerMinute = 100;

    /// <summary>Longest display name.</summary>
    public const int MaxDisplayNameLength = 40;

    /// <summary>Longest slow mode, seconds.</summary>
    public const int MaxSlowModeSeconds = 3600;

    /// <summary>Most banned terms per room, and the longest term.</summary>
    public const int MaxBannedTerms = 200, MaxBannedTermLength = 50;

    /// <summary>Whether <paramref name="room"/> has the shape <c>lounge/{id}</c> or <c>radio/{name}</c> (lowercase letters,
    /// digits and dashes, 1 to 40).</summary>
    public static bool IsRoomName(string? room) =>
        room is { Length: <= 47 } && room.Split('/') is [("lounge" or "radio"), { Length: >= 1 and <= 40 } name]
        && name.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-');

    /// <summary>The sender id and name of system messages (<see cref="ChatMessageKind.System"/>).</summary>
    public const string SystemSenderId = "system", SystemSenderName = "OrleansRides";

    /// <summary>Whether the room is a lounge (members only).</summary>
    public static bool IsLounge(string room) => room.StartsWith("lounge/", StringComparison.Ordinal);
}
