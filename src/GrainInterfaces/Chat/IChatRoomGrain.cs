using OrleansRides.Runtime;

namespace OrleansRides.GrainInterfaces.Chat;

/// <summary>One chat room (key: <c>lounge/{id}</c> or <c>radio/{name}</c>): presence, recent history, the send rules and
/// moderation. Messages are accepted in one order, written to PostgreSQL (batched with concurrent sends) before they are
/// acknowledged, and published on <see cref="ChatTopics.Room"/> in that order. Errors are <see cref="ChatException"/>s with a code from <see cref="ChatErrorCodes"/>.</summary>
public interface IChatRoomGrain : IGrainWithStringKey
{
    /// <summary>Adds a connection to the room's presence; returns history and settings.</summary>
    /// <exception cref="ChatException"><c>ROOM_NOT_FOUND</c>.</exception>
    Task<RoomSnapshot> Join(ChatMember member);

    /// <summary>Removes a connection from presence. Unknown connections are ignored.</summary>
    Task Leave(string connectionId);

    /// <summary>Accepts a message, publishes <see cref="NewMessage"/> and returns it as stored.</summary>
    /// <exception cref="ChatException"><c>ROOM_NOT_FOUND</c>; <c>INVALID_REQUEST</c> (empty); <c>MESSAGE_TOO_LONG</c>;
    /// <c>BANNED_TERM</c>; <c>SLOW_MODE</c>; <c>RATE_LIMITED</c> (over <see cref="ChatRules.MessagesPerMinute"/> in this room, unless
    /// <see cref="ChatMember.BudgetedBySession"/>).</exception>
    Task<ChatMessage> Send(ChatMember sender, ChatMessageInput input);

    /// <summary>Applies a moderation action, logs it with who, when and why, and publishes <see cref="MessageModerated"/>.</summary>
    /// <exception cref="ChatException"><c>ROOM_NOT_FOUND</c>; <c>MESSAGE_NOT_FOUND</c> (not a message of this room).</exception>
    Task Moderate(ModerationRequest request);

    /// <summary>Replaces slow mode and banned terms, and saves them.</summary>
    /// <exception cref="ChatException"><c>ROOM_NOT_FOUND</c>.</exception>
    Task<RoomSettings> UpdateSettings(RoomSettings settings);

    /// <summary>The current settings.</summary>
    /// <exception cref="ChatException"><c>ROOM_NOT_FOUND</c>.</exception>
    Task<RoomSettings> GetSettings();

    /// <summary>Connections in the room now.</summary>
    Task<int> GetPresenceCount();
}
