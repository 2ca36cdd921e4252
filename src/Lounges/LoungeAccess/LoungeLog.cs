using System.Data;
using Dapper;
using Npgsql;
using OrleansRides.Catalog;
using static OrleansRides.Runtime.Storage.PostgresTime;

namespace OrleansRides.Lounges.LoungeAccess;

/// <summary>A lounge's part of <c>chat_moderation_log</c>: member and lounge actions written here beside the room grain's
/// message moderation (which logs itself, with the acting moderator).</summary>
public sealed class LoungeLog(NpgsqlDataSource dataSource)
{
    /// <summary>Appends one action inside <paramref name="transaction"/>.</summary>
    public static Task WriteAsync(NpgsqlConnection connection, IDbTransaction transaction, string room, string action, Guid actorId,
        Guid? targetUserId, DateTimeOffset? until, string? reason, DateTimeOffset now, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO chat_moderation_log (message_id, room, action, reason, moderator_id, moderated_at, target_user_id, until)
            VALUES (NULL, @room, @action, @reason, @actor, @now, @target, @until)
            """, new { room, action, reason, actor = actorId.ToString(), now, target = targetUserId?.ToString(), until }, transaction,
            cancellationToken: cancellationToken));

    /// <summary>One page of the lounge's log, newest first.</summary>
    public async Task<Page<LoungeLogEntry>> ListAsync(string room, PageRequest page, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var results = await connection.QueryMultipleAsync(new CommandDefinition(
            """
            SELECT action AS Action, moderator_id AS ModeratorId, message_id AS MessageId, target_user_id AS TargetUserId, until AS Until,
                   reason AS Reason, moderated_at AS ModeratedAt
            FROM chat_moderation_log WHERE room = @room ORDER BY moderated_at DESC, id DESC LIMIT @limit OFFSET @offset;
            SELECT count(*)::int FROM chat_moderation_log WHERE room = @room
            """, new { room, limit = page.Limit, offset = page.Offset }, cancellationToken: cancellationToken));
        var rows = (await results.ReadAsync<Row>()).Select(r => new LoungeLogEntry(r.Action, r.ModeratorId, r.MessageId, r.TargetUserId,
            r.Until is { } until ? Utc(until) : null, r.Reason, Utc(r.ModeratedAt))).ToList();
        return new Page<LoungeLogEntry>(rows, await results.ReadSingleAsync<int>());
    }


    private sealed record Row(string Action, string ModeratorId, Guid? MessageId, string? TargetUserId, DateTime? Until, string? Reason, DateTime ModeratedAt);
}
