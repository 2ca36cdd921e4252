using Dapper;
using OrleansRides.Runtime.Storage;
using Npgsql;
using OrleansRides.GrainInterfaces.Chat;

namespace OrleansRides.Grains.Chat;

/// <summary><see cref="IChatStore"/> over <c>chat_rooms</c>, <c>chat_messages</c> and <c>chat_moderation_log</c>.</summary>
public sealed class PostgresChatStore(NpgsqlDataSource dataSource) : IChatStore
{
    /// <summary>The select list that reads a <see cref="ChatMessageRow"/>.</summary>
    public const string MessageColumns =
        "id AS Id, room AS Room, seq AS Seq, sender_id AS SenderId, sender_name AS SenderName, text AS Text, sent_at AS SentAt, kind AS Kind";

    /// <inheritdoc />
    public async Task<ChatRoomRecord?> FindRoomAsync(string room, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<RoomRow>(new CommandDefinition(
            """
            SELECT room AS Room, kind AS Kind, name AS Name, slow_mode_seconds AS SlowModeSeconds, banned_terms AS BannedTerms,
                   deleted_at IS NOT NULL AS IsDeleted
            FROM chat_rooms WHERE room = @room
            """,
            new { room }, cancellationToken: cancellationToken));
        return row is null ? null : new ChatRoomRecord(row.Room, row.Kind, row.Name, row.SlowModeSeconds, row.BannedTerms, row.IsDeleted);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<ChatMessage>> LoadRecentAsync(string room, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var newestFirst = await connection.QueryAsync<ChatMessageRow>(new CommandDefinition(
            $"""
            SELECT {MessageColumns} FROM chat_messages
            WHERE room = @room AND (moderation IS NULL OR moderation = 'flag')
            ORDER BY seq DESC LIMIT @limit
            """, new { room, limit }, cancellationToken: cancellationToken));
        return newestFirst.Reverse().Select(row => row.ToMessage()).ToList();
    }

    /// <inheritdoc />
    public async Task<long> MaxSeqAsync(string room, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT coalesce(max(seq), 0) FROM chat_messages WHERE room = @room", new { room }, cancellationToken: cancellationToken));
    }

    /// <inheritdoc />
    public async Task AppendAsync(IReadOnlyList<ChatMessage> messages, CancellationToken cancellationToken)
    {
        if (messages.Count == 0)
        {
            return;
        }
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        // unnest() turns the column arrays back into rows: one round trip for the whole batch.
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO chat_messages (id, room, seq, sender_id, sender_name, text, sent_at, kind)
            SELECT * FROM unnest(@Id, @Room, @Seq, @SenderId, @SenderName, @Text, @SentAt, @Kind)
            ON CONFLICT (id) DO NOTHING
            """,
            new
            {
                Id = messages.Select(m => m.Id).ToArray(),
                Room = messages.Select(m => m.Room).ToArray(),
                Seq = messages.Select(m => m.Seq).ToArray(),
                SenderId = messages.Select(m => m.SenderId).ToArray(),
                SenderName = messages.Select(m => m.SenderName).ToArray(),
                Text = messages.Select(m => m.Text).ToArray(),
                SentAt = messages.Select(m => m.SentAt.UtcDateTime).ToArray(),
                Kind = messages.Select(m => ChatMessageRow.KindName(m.Kind)).ToArray(),
            },
            cancellationToken: cancellationToken));
    }

    /// <inheritdoc />
    public async Task<bool> ModerateAsync(string room, ModerationRequest request, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var action = request.Action.ToString().ToLowerInvariant();
        var logged = await connection.ExecuteScalarAsync<int>(new CommandDefinition(
            """
            WITH target AS (
                -- Deleting erases the text; a hide or flag never undoes an earlier delete.
                UPDATE chat_messages
                SET moderation = CASE WHEN moderation = 'delete' THEN 'delete' ELSE @action END,
                    text = CASE WHEN @action = 'delete' THEN '' ELSE text END
                WHERE id = @MessageId AND room = @room
                RETURNING id)
            INSERT INTO chat_moderation_log (message_id, room, action, reason, moderator_id, moderated_at)
            SELECT id, @room, @action, @Reason, @ModeratorId, @at FROM target
            RETURNING 1
            """,
            new { room, action, request.MessageId, request.Reason, request.ModeratorId, at = at.UtcDateTime },
            cancellationToken: cancellationToken));
        return logged == 1;
    }

    // Settable properties: Npgsql reports text[] as System.Array, which Dapper cannot match to a constructor parameter.
    private sealed class RoomRow
    {
        public string Room { get; init; } = "";
        public string Kind { get; init; } = "";
        public string Name { get; init; } = "";
        public int SlowModeSeconds { get; init; }
        public string[] BannedTerms { get; init; } = [];
        public bool IsDeleted { get; init; }
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<LoungeMemberRecord>> LoadMembersAsync(string room, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<MemberRow>(new CommandDefinition(
            "SELECT user_id::text AS UserId, muted_until AS MutedUntil FROM lounge_members WHERE room = @room",
            new { room }, cancellationToken: cancellationToken));
        return rows.Select(r => r.ToRecord()).ToList();
    }

    /// <inheritdoc />
    public async Task<LoungeMemberRecord?> FindMemberAsync(string room, string userId, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(userId, out var id))
        {
            return null;
        }
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<MemberRow>(new CommandDefinition(
            "SELECT user_id::text AS UserId, muted_until AS MutedUntil FROM lounge_members WHERE room = @room AND user_id = @id",
            new { room, id }, cancellationToken: cancellationToken));
        return row?.ToRecord();
    }

    private sealed record MemberRow(string UserId, DateTime? MutedUntil)
    {
        public LoungeMemberRecord ToRecord() => new(UserId, MutedUntil is { } until ? PostgresTime.Utc(until) : null);
    }

    /// <inheritdoc />
    public async Task SaveSettingsAsync(string room, RoomSettings settings, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE chat_rooms SET slow_mode_seconds = @SlowModeSeconds, banned_terms = @terms WHERE room = @room",
            new { room, settings.SlowModeSeconds, terms = settings.BannedTerms.ToArray() }, cancellationToken: cancellationToken));
    }
}

/// <summary>A <c>chat_messages</c> row as Dapper reads it (Npgsql returns <c>timestamptz</c> as a UTC <see cref="DateTime"/>).</summary>
public sealed record ChatMessageRow(Guid Id, string Room, long Seq, string SenderId, string SenderName, string Text, DateTime SentAt, string Kind)
{
    /// <summary>The message, with <see cref="ChatMessage.SentAt"/> in UTC.</summary>
    public ChatMessage ToMessage() =>
        new(Id, Room, Seq, SenderId, SenderName, Text, PostgresTime.Utc(SentAt), Kind == "system" ? ChatMessageKind.System : ChatMessageKind.User);

    /// <summary>The <c>kind</c> column's value for <paramref name="kind"/>.</summary>
    public static string KindName(ChatMessageKind kind) => kind == ChatMessageKind.System ? "system" : "user";
}
