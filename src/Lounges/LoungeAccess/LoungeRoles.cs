using Dapper;
using Npgsql;

namespace OrleansRides.Lounges.LoungeAccess;

/// <summary>A member's role in a lounge.</summary>
public enum LoungeRole
{
    /// <summary>Joined; talks, lists and buys.</summary>
    Member,
    /// <summary>Named by the owner: hides and deletes messages, mutes and removes members, in this lounge only.</summary>
    Moderator,
    /// <summary>Created it: everything a moderator does, plus naming moderators, renaming, visibility and deletion.</summary>
    Owner,
}

/// <summary>What the caller may see of a lounge and do in it, as read from <c>chat_rooms</c> and <c>lounge_members</c>.</summary>
/// <param name="Room">The lounge's room, <c>lounge/{id}</c>.</param>
/// <param name="IsPrivate">Whether its visibility is <c>private</c>.</param>
/// <param name="IsDeleted">Whether its owner deleted it.</param>
/// <param name="Role">The caller's role, or <c>null</c> when they are not a member.</param>
public sealed record LoungeStanding(string Room, bool IsPrivate, bool IsDeleted, LoungeRole? Role)
{
    /// <summary>Members and, for a public lounge that is not deleted, anyone signed in may see it, its history and listings.</summary>
    public bool CanSee => !IsDeleted && (Role is not null || !IsPrivate);

    /// <summary>Owner or moderator, and not deleted.</summary>
    public bool CanModerate => !IsDeleted && Role is LoungeRole.Moderator or LoungeRole.Owner;

    /// <summary>A member of a lounge that is not deleted.</summary>
    public bool IsMember => !IsDeleted && Role is not null;
}

/// <summary>The one place the platform reads who stands where in a lounge (every lounge rule asks here).</summary>
public sealed class LoungeRoles(NpgsqlDataSource dataSource)
{
    /// <summary>The lounge's visibility and the user's role in it, or <c>null</c> when there is no lounge in
    /// <paramref name="room"/>.</summary>
    public async Task<LoungeStanding?> StandingAsync(string room, Guid userId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<StandingRow>(new CommandDefinition(
            """
            SELECT r.room AS Room, r.visibility = 'private' AS IsPrivate, r.deleted_at IS NOT NULL AS IsDeleted, m.role AS Role
            FROM chat_rooms r LEFT JOIN lounge_members m ON m.room = r.room AND m.user_id = @userId
            WHERE r.room = @room AND r.kind = 'lounge'
            """, new { room, userId }, cancellationToken: cancellationToken));
        return row is null ? null : new LoungeStanding(row.Room, row.IsPrivate, row.IsDeleted, ParseRole(row.Role));
    }

    /// <summary>The <c>lounge_members.role</c> value of <paramref name="role"/>.</summary>
    public static string RoleName(LoungeRole role) => role.ToString().ToLowerInvariant();

    /// <summary>The role a <c>lounge_members.role</c> value names, or <c>null</c> for none.</summary>
    public static LoungeRole? ParseRole(string? role) => role switch
    {
        "owner" => LoungeRole.Owner,
        "moderator" => LoungeRole.Moderator,
        "member" => LoungeRole.Member,
        _ => null,
    };

    private sealed record StandingRow(string Room, bool IsPrivate, bool IsDeleted, string? Role);
}
