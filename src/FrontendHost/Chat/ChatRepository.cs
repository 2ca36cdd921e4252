using System.Security.Cryptography;
using Dapper;
using OrleansRides.Runtime.Storage;
using Npgsql;
using OrleansRides.GrainInterfaces.Chat;
using OrleansRides.Grains.Chat;

namespace OrleansRides.FrontendHost.Chat;

/// <summary>A lounge as listed.</summary>
/// <param name="Id">Short id (8 characters); the room is <c>lounge/{id}</c>.</param>
/// <param name="Room">The room key for <c>JoinRoom</c>.</param>
/// <param name="Name">1 to 80 characters.</param>
/// <param name="Description">At most 500 characters.</param>
/// <param name="CreatedAt">UTC.</param>
/// <param name="PresenceCount">Connections in it now (only on <c>GET /lounges/{id}</c>).</param>
public sealed record Lounge(string Id, string Room, string Name, string? Description, DateTimeOffset CreatedAt, int? PresenceCount = null);

/// <summary>A row of the moderation log.</summary>
public sealed record ModerationLogEntry(Guid MessageId, string Room, string Action, string? Reason, string ModeratorId, DateTimeOffset ModeratedAt);

/// <summary>Reads for the chat REST API (lounges, history pages, the moderation log) and lounge creation. Writes of
/// messages and moderation go through the room grain.</summary>
public sealed class ChatRepository(NpgsqlDataSource dataSource)
{
    private const string LoungeIdAlphabet = "abcdefghjkmnpqrstuvwxyz23456789";

    /// <summary>All lounges, newest first (at most 500).</summary>
    public async Task<IReadOnlyList<Lounge>> ListLoungesAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<LoungeRow>(new CommandDefinition(
            $"SELECT {LoungeColumns} FROM chat_rooms WHERE kind = 'lounge' ORDER BY created_at DESC LIMIT 500",
            cancellationToken: cancellationToken));
        return rows.Select(r => r.ToLounge()).ToList();
    }

    /// <summary>The lounge, or <c>null</c>.</summary>
    public async Task<Lounge?> FindLoungeAsync(string id, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<LoungeRow>(new CommandDefinition(
            $"SELECT {LoungeColumns} FROM chat_rooms WHERE room = @room", new { room = $"lounge/{id}" }, cancellationToken: cancellationToken));
        return row?.ToLounge();
    }

    /// <summary>Creates a lounge with a fresh random id.</summary>
    public async Task<Lounge> CreateLoungeAsync(string name, string? description, Guid createdBy, CancellationToken cancellationToken)
    {
        var room = $"lounge/{RandomNumberGenerator.GetString(LoungeIdAlphabet, 8)}";
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var row = await connection.QuerySingleAsync<LoungeRow>(new CommandDefinition(
            $"""
            WITH created AS (
                INSERT INTO chat_rooms (room, kind, name, description, created_by) VALUES (@room, 'lounge', @name, @description, @createdBy)
                RETURNING *),
            owner AS (INSERT INTO lounge_members (room, user_id, role, joined_at) SELECT room, @createdBy, 'owner', created_at FROM created)
            SELECT {LoungeColumns} FROM created
            """, new { room, name, description, createdBy }, cancellationToken: cancellationToken));
        return row.ToLounge();
    }

    /// <summary>Makes the user a member of a public lounge that is not deleted, if they are not one yet.</summary>
    /// <returns>Whether a member row was added (the room grain must then hear of it).</returns>
    public async Task<bool> JoinPublicLoungeAsync(string room, Guid userId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO lounge_members (room, user_id, role, joined_at)
            SELECT room, @userId, 'member', now() FROM chat_rooms
            WHERE room = @room AND kind = 'lounge' AND visibility = 'public' AND deleted_at IS NULL
            ON CONFLICT (room, user_id) DO NOTHING
            """, new { room, userId }, cancellationToken: cancellationToken)) == 1;
    }

    /// <summary>One page of a room's visible messages (flagged ones included), newest first, older than seq
    /// <paramref name="before"/> when given.</summary>
    public async Task<IReadOnlyList<ChatMessage>> HistoryAsync(string room, long? before, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<ChatMessageRow>(new CommandDefinition(
            $"""
            SELECT {PostgresChatStore.MessageColumns} FROM chat_messages
            WHERE room = @room AND (moderation IS NULL OR moderation = 'flag') AND (@before::bigint IS NULL OR seq < @before)
            ORDER BY seq DESC LIMIT @limit
            """, new { room, before, limit }, cancellationToken: cancellationToken));
        return rows.Select(r => r.ToMessage()).ToList();
    }

    /// <summary>The newest moderation log entries of a room.</summary>
    public async Task<IReadOnlyList<ModerationLogEntry>> ModerationLogAsync(string room, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<LogRow>(new CommandDefinition(
            """
            SELECT message_id AS MessageId, room AS Room, action AS Action, reason AS Reason, moderator_id AS ModeratorId,
                   moderated_at AS ModeratedAt
            FROM chat_moderation_log WHERE room = @room ORDER BY moderated_at DESC, id DESC LIMIT @limit
            """, new { room, limit }, cancellationToken: cancellationToken));
        return rows.Select(r => new ModerationLogEntry(r.MessageId, r.Room, r.Action, r.Reason, r.ModeratorId, PostgresTime.Utc(r.ModeratedAt))).ToList();
    }

    private const string LoungeColumns = "room AS Room, name AS Name, description AS Description, created_at AS CreatedAt";

    private sealed record LoungeRow(string Room, string Name, string? Description, DateTime CreatedAt)
    {
        public Lounge ToLounge() => new(Room["lounge/".Length..], Room, Name, Description, PostgresTime.Utc(CreatedAt));
    }

    private sealed record LogRow(Guid MessageId, string Room, string Action, string? Reason, string ModeratorId, DateTime ModeratedAt);
}
