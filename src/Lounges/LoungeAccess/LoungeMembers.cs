using Dapper;
using Npgsql;
using OrleansRides.Catalog;
using static OrleansRides.Runtime.Storage.PostgresTime;

namespace OrleansRides.Lounges.LoungeAccess;

/// <summary>Rows of <c>lounge_members</c>: joining, leaving, removal, mutes and roles, each member action logged with its
/// actor. After every change that returns <see cref="MemberChange.Done"/> (or <c>true</c>) the caller tells the room grain
/// (<c>MemberChanged(userId, reason)</c>), which re-reads the row.</summary>
public sealed class LoungeMembers(NpgsqlDataSource dataSource, TimeProvider time)
{
    /// <summary>Makes the user a member of a public lounge that is not deleted, if they are not one yet.</summary>
    /// <returns>Whether a member row was added.</returns>
    public async Task<bool> JoinPublicAsync(string room, Guid userId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO lounge_members (room, user_id, role, joined_at)
            SELECT room, @userId, 'member', @now FROM chat_rooms
            WHERE room = @room AND kind = 'lounge' AND visibility = 'public' AND deleted_at IS NULL
              AND NOT EXISTS (SELECT 1 FROM lounge_removals WHERE room = @room AND user_id = @userId)
            ON CONFLICT (room, user_id) DO NOTHING
            """, new { room, userId, now = time.GetUtcNow() }, cancellationToken: cancellationToken)) == 1;
    }

    /// <summary>Whether the lounge's moderators removed the user (and no invite or approval has let them back in since).</summary>
    public async Task<bool> WasRemovedAsync(string room, Guid userId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<bool>(new CommandDefinition(
            "SELECT EXISTS (SELECT 1 FROM lounge_removals WHERE room = @room AND user_id = @userId)",
            new { room, userId }, cancellationToken: cancellationToken));
    }

    /// <summary>One page of the lounge's members: owner first, then moderators, then members, each by joining time.</summary>
    public async Task<Page<LoungeMember>> ListAsync(string room, PageRequest page, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var results = await connection.QueryMultipleAsync(new CommandDefinition(
            """
            SELECT m.user_id AS UserId, u.name AS Name, m.role AS Role, m.joined_at AS JoinedAt,
                   CASE WHEN m.muted_until > @now THEN m.muted_until END AS MutedUntil
            FROM lounge_members m JOIN users u ON u.id = m.user_id WHERE m.room = @room
            ORDER BY CASE m.role WHEN 'owner' THEN 0 WHEN 'moderator' THEN 1 ELSE 2 END, m.joined_at, m.user_id
            LIMIT @limit OFFSET @offset;
            SELECT count(*)::int FROM lounge_members WHERE room = @room
            """, new { room, now = time.GetUtcNow(), limit = page.Limit, offset = page.Offset }, cancellationToken: cancellationToken));
        var rows = (await results.ReadAsync<Row>()).Select(r => new LoungeMember(r.UserId, r.Name, LoungeRoles.ParseRole(r.Role)!.Value,
            Utc(r.JoinedAt), r.MutedUntil is { } until ? Utc(until) : null)).ToList();
        return new Page<LoungeMember>(rows, await results.ReadSingleAsync<int>());
    }

    /// <summary>The caller leaves. The owner cannot (<see cref="MemberChange.OwnerProtected"/>): they delete the lounge instead.</summary>
    public Task<MemberChange> LeaveAsync(string room, Guid userId, CancellationToken cancellationToken) =>
        ChangeAsync(room, actor: userId, actorRole: LoungeRole.Member, target: userId, "DELETE FROM lounge_members WHERE room = @room AND user_id = @target",
            action: null, until: null, reason: null, cancellationToken);

    /// <summary>Removes a member (an owner or moderator acting; moderators act on members only). They stay out of a public
    /// lounge too until an invite link or the owner's approval lets them back in (<c>lounge_removals</c>).</summary>
    public Task<MemberChange> RemoveAsync(string room, Guid actorId, LoungeRole actorRole, Guid target, string? reason, CancellationToken cancellationToken) =>
        ChangeAsync(room, actorId, actorRole, target,
            """
            DELETE FROM lounge_members WHERE room = @room AND user_id = @target;
            INSERT INTO lounge_removals (room, user_id, removed_by, removed_at) VALUES (@room, @target, @actor, @now)
            ON CONFLICT (room, user_id) DO UPDATE SET removed_by = excluded.removed_by, removed_at = excluded.removed_at
            """, "remove", null, reason, cancellationToken);

    /// <summary>Mutes a member until <paramref name="until"/> (UTC).</summary>
    public Task<MemberChange> MuteAsync(string room, Guid actorId, LoungeRole actorRole, Guid target, DateTimeOffset until, string? reason, CancellationToken cancellationToken) =>
        ChangeAsync(room, actorId, actorRole, target, "UPDATE lounge_members SET muted_until = @until WHERE room = @room AND user_id = @target",
            "mute", until, reason, cancellationToken);

    /// <summary>Ends a member's mute.</summary>
    public Task<MemberChange> UnmuteAsync(string room, Guid actorId, LoungeRole actorRole, Guid target, CancellationToken cancellationToken) =>
        ChangeAsync(room, actorId, actorRole, target, "UPDATE lounge_members SET muted_until = NULL WHERE room = @room AND user_id = @target",
            "unmute", null, null, cancellationToken);

    /// <summary>The owner makes a member a moderator or a moderator a member again.</summary>
    public Task<MemberChange> SetRoleAsync(string room, Guid ownerId, Guid target, LoungeRole role, CancellationToken cancellationToken) =>
        role == LoungeRole.Owner
            ? Task.FromResult(MemberChange.OwnerProtected)
            : ChangeAsync(room, ownerId, LoungeRole.Owner, target, $"UPDATE lounge_members SET role = '{LoungeRoles.RoleName(role)}' WHERE room = @room AND user_id = @target",
                "role", null, LoungeRoles.RoleName(role), cancellationToken);

    /// <summary>Adds a member row (an accepted invite, an approved request) inside a caller's transaction.</summary>
    internal static async Task<bool> AddAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string room, Guid userId, DateTimeOffset now,
        CancellationToken cancellationToken) =>
        await connection.ExecuteAsync(new CommandDefinition(
            """
            WITH readmitted AS (DELETE FROM lounge_removals WHERE room = @room AND user_id = @userId)
            INSERT INTO lounge_members (room, user_id, role, joined_at) VALUES (@room, @userId, 'member', @now)
            ON CONFLICT (room, user_id) DO NOTHING
            """, new { room, userId, now }, transaction, cancellationToken: cancellationToken)) == 1;

    /// <summary>Locks the target's row, checks that the owner is never the target and that a moderator acts on members
    /// only, applies <paramref name="sql"/> and logs <paramref name="action"/>.</summary>
    private async Task<MemberChange> ChangeAsync(string room, Guid actor, LoungeRole actorRole, Guid target, string sql, string? action,
        DateTimeOffset? until, string? reason, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var role = LoungeRoles.ParseRole(await connection.QuerySingleOrDefaultAsync<string?>(new CommandDefinition(
            "SELECT role FROM lounge_members WHERE room = @room AND user_id = @target FOR UPDATE",
            new { room, target }, transaction, cancellationToken: cancellationToken)));
        if (role is null)
        {
            return MemberChange.MemberNotFound;
        }
        if (role == LoungeRole.Owner)
        {
            return MemberChange.OwnerProtected;
        }
        if (actor != target && actorRole != LoungeRole.Owner && role != LoungeRole.Member)
        {
            return MemberChange.NeedsOwner;
        }
        await connection.ExecuteAsync(new CommandDefinition(sql, new { room, target, until, actor, now }, transaction, cancellationToken: cancellationToken));
        if (action is not null)
        {
            await LoungeLog.WriteAsync(connection, transaction, room, action, actor, target, until, reason, now, cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        return MemberChange.Done;
    }

    private sealed record Row(Guid UserId, string Name, string Role, DateTime JoinedAt, DateTime? MutedUntil);
}
