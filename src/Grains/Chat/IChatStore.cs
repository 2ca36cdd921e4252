using OrleansRides.GrainInterfaces.Chat;

namespace OrleansRides.Grains.Chat;

/// <summary>A room as stored in <c>chat_rooms</c>.</summary>
/// <param name="Room">Key, for example <c>radio/live</c>.</param>
/// <param name="Kind"><c>lounge</c> or <c>radio</c>.</param>
/// <param name="Name">Display name.</param>
/// <param name="SlowModeSeconds">0 to 3,600.</param>
/// <param name="BannedTerms">Terms refused in this room.</param>
/// <param name="IsDeleted">A lounge its owner deleted: the row and history stay for staff; the room is closed.</param>
public sealed record ChatRoomRecord(string Room, string Kind, string Name, int SlowModeSeconds, string[] BannedTerms, bool IsDeleted = false);

/// <summary>A lounge member as the room enforces it (from <c>lounge_members</c>).</summary>
/// <param name="UserId">The member's user id, as text (their sender id).</param>
/// <param name="MutedUntil">Until when they may not send, UTC, or <c>null</c>.</param>
public sealed record LoungeMemberRecord(string UserId, DateTimeOffset? MutedUntil);

/// <summary>What a chat room grain reads and writes in PostgreSQL.</summary>
public interface IChatStore
{
    /// <summary>The room, or <c>null</c>.</summary>
    Task<ChatRoomRecord?> FindRoomAsync(string room, CancellationToken cancellationToken);

    /// <summary>The last <paramref name="limit"/> messages that are neither hidden nor deleted, oldest first.</summary>
    Task<IReadOnlyList<ChatMessage>> LoadRecentAsync(string room, int limit, CancellationToken cancellationToken);

    /// <summary>The highest <see cref="ChatMessage.Seq"/> stored for the room, or 0.</summary>
    Task<long> MaxSeqAsync(string room, CancellationToken cancellationToken);

    /// <summary>Inserts messages in one statement; ones already stored (same id) are skipped.</summary>
    Task AppendAsync(IReadOnlyList<ChatMessage> messages, CancellationToken cancellationToken);

    /// <summary>Marks a message and writes the moderation log row, in one statement.</summary>
    /// <returns>Whether the message exists in this room.</returns>
    Task<bool> ModerateAsync(string room, ModerationRequest request, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>A lounge's members (empty for other rooms).</summary>
    Task<IReadOnlyList<LoungeMemberRecord>> LoadMembersAsync(string room, CancellationToken cancellationToken);

    /// <summary>One lounge member, or <c>null</c> when they are not a member.</summary>
    Task<LoungeMemberRecord?> FindMemberAsync(string room, string userId, CancellationToken cancellationToken);

    /// <summary>Saves slow mode and banned terms.</summary>
    Task SaveSettingsAsync(string room, RoomSettings settings, CancellationToken cancellationToken);
}
