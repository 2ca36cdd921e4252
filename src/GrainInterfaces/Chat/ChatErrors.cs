using OrleansRides.GrainInterfaces.Errors;
using OrleansRides.Runtime;

namespace OrleansRides.GrainInterfaces.Chat;

/// <summary>The stable error codes of the chat API (aliases of <see cref="ErrorCodes"/>, which gives each its HTTP status);
/// a failed hub invocation's message starts with one.</summary>
public static class ChatErrorCodes
{
    /// <inheritdoc cref="ErrorCodes.RoomNotFound"/>
    public const string RoomNotFound = ErrorCodes.RoomNotFound;
    /// <inheritdoc cref="ErrorCodes.Unauthorized"/>
    public const string Unauthorized = ErrorCodes.Unauthorized;
    /// <inheritdoc cref="ErrorCodes.Forbidden"/>
    public const string Forbidden = ErrorCodes.Forbidden;
    /// <inheritdoc cref="ErrorCodes.RateLimited"/>
    public const string RateLimited = ErrorCodes.RateLimited;
    /// <inheritdoc cref="ErrorCodes.MessageTooLong"/>
    public const string MessageTooLong = ErrorCodes.MessageTooLong;
    /// <inheritdoc cref="ErrorCodes.BannedTerm"/>
    public const string BannedTerm = ErrorCodes.BannedTerm;
    /// <inheritdoc cref="ErrorCodes.SlowMode"/>
    public const string SlowMode = ErrorCodes.SlowMode;
    /// <inheritdoc cref="ErrorCodes.InvalidRequest"/>
    public const string InvalidRequest = ErrorCodes.InvalidRequest;
    /// <inheritdoc cref="ErrorCodes.MessageNotFound"/>
    public const string MessageNotFound = ErrorCodes.MessageNotFound;
    /// <inheritdoc cref="ErrorCodes.NotLoungeMember"/>
    public const string NotLoungeMember = ErrorCodes.NotLoungeMember;
    /// <inheritdoc cref="ErrorCodes.Muted"/>
    public const string Muted = ErrorCodes.Muted;
}

/// <summary>A chat rule was broken; <see cref="GrainException.Code"/> is one of <see cref="ChatErrorCodes"/>.</summary>
public sealed class ChatException(string code, string message) : GrainException(code, message);
