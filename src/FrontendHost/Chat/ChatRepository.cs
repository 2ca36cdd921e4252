using Dapper;
using OrleansRides.Runtime.Storage;
using Npgsql;
using OrleansRides.GrainInterfaces.Chat;
using OrleansRides.Grains.Chat;

namespace OrleansRides.FrontendHost.Chat;

/// <summary>A row of the moderation log.</summary>
public sealed record ModerationLogEntry(Guid MessageId, string Room, string Action, string? Reason, string ModeratorId, DateTimeOffset ModeratedAt);

/// <summary>Reads for the chat REST API (history pages, the moderation log); lounges are <c>OrleansRides.Lounges</c>. Writes of
/// messages and moderation go through the room grain.</summary>
public sealed class ChatRepository(NpgsqlDataSource dataSource)
{
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

    private sealed record LogRow(Guid MessageId, string Room, string Action, string? Reason, string ModeratorId, DateTime ModeratedAt);
}
