using Dapper;
using Npgsql;
using OrleansRides.Catalog;
using static OrleansRides.Runtime.Storage.PostgresTime;

namespace OrleansRides.Lounges.LoungeAccess;

/// <summary>What asking to join a private lounge did.</summary>
public enum JoinRequestOutcome
{
    /// <summary>The request waits for the owner (asking again while pending changes nothing).</summary>
    Pending,
    /// <summary>The caller is a member already.</summary>
    AlreadyMember,
    /// <summary>The owner rejected an earlier request; it stays rejected until the cleanup job forgets it.</summary>
    Rejected,
}

/// <summary>Requests to join a private lounge (<c>lounge_join_requests</c>), decided by its owner.</summary>
public sealed class LoungeJoinRequests(NpgsqlDataSource dataSource, TimeProvider time)
{
    /// <summary>Asks to join; see <see cref="JoinRequestOutcome"/>.</summary>
    public async Task<JoinRequestOutcome> RequestAsync(string room, Guid userId, string? message, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        if (await connection.ExecuteScalarAsync<bool>(new CommandDefinition(
                "SELECT EXISTS (SELECT 1 FROM lounge_members WHERE room = @room AND user_id = @userId)", new { room, userId },
                cancellationToken: cancellationToken)))
        {
            return JoinRequestOutcome.AlreadyMember;
        }
        var status = await connection.QuerySingleAsync<string>(new CommandDefinition(
            """
            WITH added AS (
                INSERT INTO lounge_join_requests (room, user_id, message, requested_at) VALUES (@room, @userId, @message, @now)
                ON CONFLICT (room, user_id) DO NOTHING RETURNING status)
            SELECT status FROM added UNION ALL
            SELECT status FROM lounge_join_requests WHERE room = @room AND user_id = @userId AND NOT EXISTS (SELECT 1 FROM added)
            """, new { room, userId, message, now = time.GetUtcNow() }, cancellationToken: cancellationToken));
        return status switch
        {
            "rejected" => JoinRequestOutcome.Rejected,
            // Approved but no member row: the member left or was removed since; a new request needs a new decision.
            "approved" => await RenewAsync(connection, room, userId, message, cancellationToken),
            _ => JoinRequestOutcome.Pending,
        };
    }

    /// <summary>One page of the pending requests, oldest first.</summary>
    public async Task<Page<JoinRequest>> ListPendingAsync(string room, PageRequest page, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var results = await connection.QueryMultipleAsync(new CommandDefinition(
            """
            SELECT j.user_id AS UserId, u.name AS Name, j.message AS Message, j.requested_at AS RequestedAt
            FROM lounge_join_requests j JOIN users u ON u.id = j.user_id
            WHERE j.room = @room AND j.status = 'pending' ORDER BY j.requested_at, j.user_id LIMIT @limit OFFSET @offset;
            SELECT count(*)::int FROM lounge_join_requests WHERE room = @room AND status = 'pending'
            """, new { room, limit = page.Limit, offset = page.Offset }, cancellationToken: cancellationToken));
        var rows = (await results.ReadAsync<Row>()).Select(r => new JoinRequest(r.UserId, r.Name, r.Message, Utc(r.RequestedAt))).ToList();
        return new Page<JoinRequest>(rows, await results.ReadSingleAsync<int>());
    }

    /// <summary>Approves a pending request and adds the member; <c>false</c> when no such pending request.</summary>
    public async Task<bool> ApproveAsync(string room, Guid ownerId, Guid userId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (!await DecideAsync(connection, transaction, room, ownerId, userId, "approved", now, cancellationToken))
        {
            return false;
        }
        await LoungeMembers.AddAsync(connection, transaction, room, userId, now, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    /// <summary>Rejects a pending request; <c>false</c> when no such pending request.</summary>
    public async Task<bool> RejectAsync(string room, Guid ownerId, Guid userId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var decided = await DecideAsync(connection, transaction, room, ownerId, userId, "rejected", time.GetUtcNow(), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return decided;
    }

    private static async Task<bool> DecideAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string room, Guid ownerId, Guid userId,
        string status, DateTimeOffset now, CancellationToken cancellationToken) =>
        await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE lounge_join_requests SET status = @status, decided_by = @ownerId, decided_at = @now
            WHERE room = @room AND user_id = @userId AND status = 'pending'
            """, new { room, userId, ownerId, status, now }, transaction, cancellationToken: cancellationToken)) == 1;

    private async Task<JoinRequestOutcome> RenewAsync(NpgsqlConnection connection, string room, Guid userId, string? message, CancellationToken cancellationToken)
    {
        await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE lounge_join_requests SET status = 'pending', message = @message, requested_at = @now, decided_by = NULL, decided_at = NULL
            WHERE room = @room AND user_id = @userId AND status = 'approved'
            """, new { room, userId, message, now = time.GetUtcNow() }, cancellationToken: cancellationToken));
        return JoinRequestOutcome.Pending;
    }

    private sealed record Row(Guid UserId, string Name, string? Message, DateTime RequestedAt);
}
