namespace OrleansRides.GrainInterfaces.Errors;

public static partial class ErrorCodes
{
    // Chat rooms and the studio's song requests.

    /// <summary>404: no such chat room.</summary>
    [ErrorStatus(404)] public const string RoomNotFound = "ROOM_NOT_FOUND";

    /// <summary>404: no such message in this room.</summary>
    [ErrorStatus(404)] public const string MessageNotFound = "MESSAGE_NOT_FOUND";

    /// <summary>400: the message is longer than the chat's limit (500 characters).</summary>
    [ErrorStatus(400)] public const string MessageTooLong = "MESSAGE_TOO_LONG";

    /// <summary>400: the message contains one of the room's banned terms.</summary>
    [ErrorStatus(400)] public const string BannedTerm = "BANNED_TERM";

    /// <summary>429: sent sooner than the room's slow mode allows.</summary>
    [ErrorStatus(429)] public const string SlowMode = "SLOW_MODE";

    /// <summary>403: a lounge moderator muted the sender; the message says until when (UTC).</summary>
    [ErrorStatus(403)] public const string Muted = "MUTED";

    /// <summary>404: no pending song request has this id (unknown, or already decided).</summary>
    [ErrorStatus(404)] public const string RequestNotFound = "REQUEST_NOT_FOUND";
}
