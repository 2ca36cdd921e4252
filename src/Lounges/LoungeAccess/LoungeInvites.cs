using Dapper;
using Npgsql;
using OrleansRides.Catalog;
using static OrleansRides.Runtime.Storage.PostgresTime;

namespace OrleansRides.Lounges.LoungeAccess;

/// <summary>Invite links of a lounge (<c>lounge_invites</c>). A token is 32 random bytes, URL-safe Base64, shown once; only
/// its SHA-256 is stored, so a database reader cannot use a link. A link works until it expires, is revoked, or is used
/// <c>max_uses</c> times; a use is counted in the same statement that checks the limit, so concurrent accepts never
/// exceed it.</summary>
public sealed class LoungeInvites(NpgsqlDataSource dataSource, TimeProvider time)
{
    /// <summary>Default lifetime of a link: a week.</summary>
    public const int DefaultExpiresInHours = 168;

    /// <summary>Makes a link valid for <paramref name="expiresInHours"/> hours and at most <paramref name="maxUses"/> accepts.</summary>
    public async Task<CreatedInvite> CreateAsync(string room, Guid createdBy, int expiresInHours, int? maxUses, CancellationToken cancellationToken)
    {
        var (token, hash) = OpaqueTokens.New();
        var id = Guid.CreateVersion7();
        var now = time.GetUtcNow();
        var expiresAt = now.AddHours(expiresInHours);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO lounge_invites (id, room, token_hash, created_by, created_at, expires_at, max_uses)
            VALUES (@id, @room, @hash, @createdBy, @now, @expiresAt, @maxUses)
            """, new { id, room, hash, createdBy, now, expiresAt, maxUses }, cancellationToken: cancellationToken));
        return new CreatedInvite(id, token, $"/lounges.html#invite={token}", expiresAt);
    }

    /// <summary>One page of the lounge's links, newest first, revoked and expired ones included (until the cleanup job).</summary>
    public async Task<Page<LoungeInvite>> ListAsync(string room, PageRequest page, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var results = await connection.QueryMultipleAsync(new CommandDefinition(
            """
            SELECT id AS Id, created_by AS CreatedBy, created_at AS CreatedAt, expires_at AS ExpiresAt, max_uses AS MaxUses, uses AS Uses,
                   revoked_at AS RevokedAt
            FROM lounge_invites WHERE room = @room ORDER BY created_at DESC, id DESC LIMIT @limit OFFSET @offset;
            SELECT count(*)::int FROM lounge_invites WHERE room = @room
            """, new { room, limit = page.Limit, offset = page.Offset }, cancellationToken: cancellationToken));
        var rows = (await results.ReadAsync<Row>()).Select(r => new LoungeInvite(r.Id, r.CreatedBy, Utc(r.CreatedAt),
            Utc(r.ExpiresAt), r.MaxUses, r.Uses, r.RevokedAt is { } revoked ? Utc(revoked) : null)).ToList();
        return new Page<LoungeInvite>(rows, await results.ReadSingleAsync<int>());
    }

    /// <summary>Revokes a link of this lounge; <c>false</c> when it has no such link. Revoking twice keeps the first time.</summary>
    public async Task<bool> RevokeAsync(string room, Guid inviteId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE lounge_invites SET revoked_at = coalesce(revoked_at, @now) WHERE id = @inviteId AND room = @room",
            new { room, inviteId, now = time.GetUtcNow() }, cancellationToken: cancellationToken)) == 1;
    }

    /// <summary>The lounge a usable link opens (name, description, member count only), or <c>null</c> when the link is unknown,
    /// expired, revoked, used up, or its lounge deleted.</summary>
    public async Task<InvitePreview?> PreviewAsync(string token, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<InvitePreview>(new CommandDefinition(
            $"""
            SELECT r.name AS Name, r.description AS Description, (SELECT count(*) FROM lounge_members m WHERE m.room = r.room)::int AS MemberCount
            FROM lounge_invites i JOIN chat_rooms r ON r.room = i.room
            WHERE i.token_hash = @hash AND {Usable}
            """, new { hash = Hash(token), now = time.GetUtcNow() }, cancellationToken: cancellationToken));
    }

    /// <summary>Makes <paramref name="userId"/> a member through the link. A member already (of a lounge not deleted) keeps
    /// their row and no use is counted. Returns the lounge's room and whether a row was added, or <c>null</c> when the link
    /// is not usable.</summary>
    public async Task<(string Room, bool Joined)?> AcceptAsync(string token, Guid userId, CancellationToken cancellationToken)
    {
        var hash = Hash(token);
        var now = time.GetUtcNow();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var memberOf = await connection.QuerySingleOrDefaultAsync<string?>(new CommandDefinition(
            """
            SELECT i.room FROM lounge_invites i JOIN chat_rooms r ON r.room = i.room JOIN lounge_members m ON m.room = i.room AND m.user_id = @userId
            WHERE i.token_hash = @hash AND r.deleted_at IS NULL
            """, new { hash, userId }, cancellationToken: cancellationToken));
        if (memberOf is not null)
        {
            return (memberOf, false);
        }
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        // The row lock of the UPDATE serialises concurrent accepts of one link: each sees the uses of the one before it.
        var room = await connection.QuerySingleOrDefaultAsync<string?>(new CommandDefinition(
            $"""
            UPDATE lounge_invites i SET uses = uses + 1 FROM chat_rooms r
            WHERE i.token_hash = @hash AND r.room = i.room AND {Usable}
            RETURNING i.room
            """, new { hash, now }, transaction, cancellationToken: cancellationToken));
        if (room is null)
        {
            return null;
        }
        if (!await LoungeMembers.AddAsync(connection, transaction, room, userId, now, cancellationToken))
        {
            // Joined meanwhile by another way: keep the use uncounted.
            await transaction.RollbackAsync(cancellationToken);
            return (room, false);
        }
        await transaction.CommitAsync(cancellationToken);
        return (room, true);
    }

    /// <summary>The hash of an invite token, as stored (<see cref="OpaqueTokens.Hash"/>).</summary>
    public static byte[] Hash(string token) => OpaqueTokens.Hash(token);

    private const string Usable =
        "i.revoked_at IS NULL AND i.expires_at > @now AND (i.max_uses IS NULL OR i.uses < i.max_uses) AND r.deleted_at IS NULL";

    private sealed record Row(Guid Id, Guid CreatedBy, DateTime CreatedAt, DateTime ExpiresAt, int? MaxUses, int Uses, DateTime? RevokedAt);
}
