using OrleansRides.Runtime;

namespace OrleansRides.GrainInterfaces.Chat;

/// <summary>One chat room (key: <c>lounge/{id}</c> or <c>radio/{name}</c>): presence, recent history, the send rules and
/// moderation. Messages are accepted in one order, written to PostgreSQL (batched with concurrent sends) before they are
/// acknowledged, and published on <see cref="ChatTopics.Room"/> in that order. Errors are <see cref="ChatException"/>s with a code from <see cref="ChatErrorCodes"/>.</summary>
public interface IChatRoomGrain : IGrainWithStringKey
{
    /// <summary>Adds a connection to the room's presence; returns history and settings.</summary>
    /// <exception cref="ChatException"><c>ROOM_NOT_FOUND</c>; <c>NOT_LOUNGE_MEMBER</c> (a lounge, and no member row).</exception>
    Task<RoomSnapshot> Join(ChatMember member);

    /// <summary>Removes a connection from presence. Unknown connections are ignored.</summary>
    Task Leave(string connectionId);

    /// <summary>Accepts a message, publishes <see cref="NewMessage"/> and returns it as stored.</summary>
    /// <exception cref="ChatException"><c>ROOM_NOT_FOUND</c>; <c>INVALID_REQUEST</c> (empty); <c>MESSAGE_TOO_LONG</c>;
    /// <c>BANNED_TERM</c>; <c>SLOW_MODE</c>; <c>NOT_LOUNGE_MEMBER</c>; <c>MUTED</c>; <c>RATE_LIMITED</c> (over <see cref="ChatRules.MessagesPerMinute"/> in this room, unless
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

    /// <summary>Posts a system message (<see cref="ChatMessageKind.System"/>): saved, numbered and published like any other,
    /// exempt from every sender rule. The same <see cref="SystemAnnouncement.AnnouncementId"/> twice posts once.</summary>
    /// <exception cref="ChatException"><c>ROOM_NOT_FOUND</c>; <c>INVALID_REQUEST</c> (empty or too long text).</exception>
    Task<ChatMessage> Announce(SystemAnnouncement announcement);

    /// <summary>Lounges: re-reads one member's row (<c>lounge_members</c>) after the lounge platform changed it in PostgreSQL.
    /// A member now gone has their connections taken out of the room (<see cref="MemberRemoved"/>, reason
    /// <paramref name="reason"/>); a changed mute is told to the member's session (<see cref="MemberMuted"/>). Join and send
    /// in a lounge need a member row; muted members cannot send.</summary>
    Task MemberChanged(string userId, string reason);

    /// <summary>Re-reads the room's row after it was renamed, made private or deleted. A deleted room publishes
    /// <see cref="RoomClosed"/>, forgets its presence and answers <c>ROOM_NOT_FOUND</c> from then on.</summary>
    Task RoomChanged();
}
