using OrleansRides.Runtime;

namespace OrleansRides.GrainInterfaces.Chat;

/// <summary>The stable error codes of the chat and studio APIs; a failed hub invocation's message starts with one.</summary>
public static class ChatErrorCodes
{
    /// <summary>No such room.</summary>
    public const string RoomNotFound = "ROOM_NOT_FOUND";
    /// <summary>No (valid) token: sign in, or open a live-chat session.</summary>
    public const string Unauthorized = "UNAUTHORIZED";
    /// <summary>Signed in, but not allowed (for example an anonymous listener in a lounge, or a listener moderating).</summary>
    public const string Forbidden = "FORBIDDEN";
    /// <summary>Over the per-sender or per-connection rate.</summary>
    public const string RateLimited = "RATE_LIMITED";
    /// <summary>Longer than <see cref="ChatRules.MaxMessageLength"/>.</summary>
    public const string MessageTooLong = "MESSAGE_TOO_LONG";
    /// <summary>Contains one of the room's banned terms.</summary>
    public const string BannedTerm = "BANNED_TERM";
    /// <summary>Sent sooner than the room's slow mode allows.</summary>
    public const string SlowMode = "SLOW_MODE";
    /// <summary>Malformed: wrong types, missing or empty fields.</summary>
    public const string InvalidRequest = "INVALID_REQUEST";
    /// <summary>No such message in this room.</summary>
    public const string MessageNotFound = "MESSAGE_NOT_FOUND";
    /// <summary>A lounge's room, and the caller is not (or no longer) one of its members.</summary>
    public const string NotLoungeMember = "NOT_LOUNGE_MEMBER";
    /// <summary>A lounge moderator muted the sender; the message says until when (UTC).</summary>
    public const string Muted = "MUTED";
    /// <summary>No such song request, or it was already decided.</summary>
    public const string RequestNotFound = "REQUEST_NOT_FOUND";
}

/// <summary>A chat or studio rule was broken; <see cref="GrainException.Code"/> is one of <see cref="ChatErrorCodes"/>.</summary>
public sealed class ChatException(string code, string message) : GrainException(code, message);
