using System.Security.Cryptography;
using Dapper;
using Npgsql;
using OrleansRides.Catalog;
using OrleansRides.Catalog.Routes;

namespace OrleansRides.Lounges.LoungeAccess;

/// <summary>What <c>GET /api/v1/lounges</c> filters on.</summary>
/// <param name="Text">Words in the name or description (a plain substring, <c>LIKE</c> wildcards escaped), or <c>null</c>.</param>
/// <param name="MineOnly">Only lounges the caller is a member of.</param>
public sealed record LoungeFilter(string? Text, bool MineOnly);

/// <summary>Lounges as rows of <c>chat_rooms</c> (kind <c>lounge</c>): create, list, read, change and soft-delete. Private
/// lounges are seen only by their members and deleted ones by nobody (<see cref="LoungeStanding.CanSee"/>).</summary>
public sealed class LoungeDirectory(NpgsqlDataSource dataSource, TimeProvider time)
{
    private const string IdAlphabet = "abcdefghjkmnpqrstuvwxyz23456789";

    private const string Columns = """
        r.room AS Room, r.name AS Name, r.description AS Description, r.visibility AS Visibility, m.role AS MyRole,
        (SELECT count(*) FROM lounge_members c WHERE c.room = r.room)::int AS MemberCount, r.created_at AS CreatedAt
        """;

    /// <summary>Creates a lounge with a fresh random id; its creator is its owner.</summary>
    public async Task<LoungeSummary> CreateAsync(string name, string? description, LoungeVisibility visibility, Guid ownerId, CancellationToken cancellationToken)
    {
        var room = $"lounge/{RandomNumberGenerator.GetString(IdAlphabet, 8)}";
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            WITH created AS (
                INSERT INTO chat_rooms (room, kind, name, description, created_by, created_at, visibility)
                VALUES (@room, 'lounge', @name, @description, @ownerId, @now, @visibility) RETURNING room, created_at)
            INSERT INTO lounge_members (room, user_id, role, joined_at) SELECT room, @ownerId, 'owner', created_at FROM created
            """, new { room, name, description, ownerId, now = time.GetUtcNow(), visibility = VisibilityName(visibility) },
            cancellationToken: cancellationToken));
        return (await FindAsync(room, ownerId, cancellationToken))!;
    }

    /// <summary>One page of the lounges <paramref name="userId"/> may see, newest first.</summary>
    public async Task<Page<LoungeSummary>> ListAsync(Guid userId, LoungeFilter filter, PageRequest page, CancellationToken cancellationToken)
    {
        const string where = """
            FROM chat_rooms r LEFT JOIN lounge_members m ON m.room = r.room AND m.user_id = @userId
            WHERE r.kind = 'lounge' AND r.deleted_at IS NULL AND (r.visibility = 'public' OR m.role IS NOT NULL)
              AND (NOT @mine OR m.role IS NOT NULL)
              AND (@pattern::text IS NULL OR r.name ILIKE @pattern ESCAPE '\' OR r.description ILIKE @pattern ESCAPE '\')
            """;
        var args = new
        {
            userId, mine = filter.MineOnly, limit = page.Limit, offset = page.Offset,
            pattern = string.IsNullOrWhiteSpace(filter.Text) ? null : $"%{RouteSearch.EscapeLike(filter.Text.Trim())}%",
        };
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var results = await connection.QueryMultipleAsync(new CommandDefinition(
            $"SELECT {Columns} {where} ORDER BY r.created_at DESC, r.room DESC LIMIT @limit OFFSET @offset; SELECT count(*)::int {where}",
            args, cancellationToken: cancellationToken));
        var rows = (await results.ReadAsync<Row>()).Select(r => r.ToSummary()).ToList();
        return new Page<LoungeSummary>(rows, await results.ReadSingleAsync<int>());
    }

    /// <summary>The lounge in <paramref name="room"/> as <paramref name="userId"/> sees it (deleted ones excluded; the caller
    /// checks visibility through <see cref="LoungeRoles"/>), or <c>null</c>.</summary>
    public async Task<LoungeSummary?> FindAsync(string room, Guid userId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(
            $"""
            SELECT {Columns} FROM chat_rooms r LEFT JOIN lounge_members m ON m.room = r.room AND m.user_id = @userId
            WHERE r.room = @room AND r.kind = 'lounge' AND r.deleted_at IS NULL
            """, new { room, userId }, cancellationToken: cancellationToken));
        return row?.ToSummary();
    }

    /// <summary>Renames, redescribes or changes the visibility of a lounge (a <c>null</c> field keeps its value; an empty
    /// description clears it) and logs each change with <paramref name="actorId"/>. The room grain must then hear
    /// <c>RoomChanged()</c>.</summary>
    public async Task UpdateAsync(string room, Guid actorId, string? name, string? description, LoungeVisibility? visibility, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var visibilityName = visibility is { } v ? VisibilityName(v) : null;
        await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE chat_rooms SET name = coalesce(@name, name),
                description = CASE WHEN @description::text IS NULL THEN description WHEN @description = '' THEN NULL ELSE @description END,
                visibility = coalesce(@visibilityName, visibility)
            WHERE room = @room AND kind = 'lounge' AND deleted_at IS NULL
            """, new { room, name, description, visibilityName }, transaction, cancellationToken: cancellationToken));
        if (name is not null || description is not null)
        {
            await LoungeLog.WriteAsync(connection, transaction, room, "rename", actorId, null, null, name ?? "(description)", now, cancellationToken);
        }
        if (visibilityName is not null)
        {
            await LoungeLog.WriteAsync(connection, transaction, room, "visibility", actorId, null, null, visibilityName, now, cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Soft-deletes a lounge (<c>deleted_at</c>): members no longer see it; its rows and history stay for staff. The
    /// room grain must then hear <c>RoomChanged()</c>.</summary>
    public async Task DeleteAsync(string room, Guid actorId, string? reason, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE chat_rooms SET deleted_at = @now WHERE room = @room AND kind = 'lounge' AND deleted_at IS NULL",
            new { room, now }, transaction, cancellationToken: cancellationToken));
        await LoungeLog.WriteAsync(connection, transaction, room, "delete_lounge", actorId, null, null, reason, now, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>The <c>chat_rooms.visibility</c> value of <paramref name="visibility"/>.</summary>
    public static string VisibilityName(LoungeVisibility visibility) => visibility == LoungeVisibility.Private ? "private" : "public";

    private sealed record Row(string Room, string Name, string? Description, string Visibility, string? MyRole, int MemberCount, DateTime CreatedAt)
    {
        public LoungeSummary ToSummary() => new(Room["lounge/".Length..], Room, Name, Description,
            Visibility == "private" ? LoungeVisibility.Private : LoungeVisibility.Public, LoungeRoles.ParseRole(MyRole), MemberCount, null,
            new DateTimeOffset(DateTime.SpecifyKind(CreatedAt, DateTimeKind.Utc)));
    }
}
