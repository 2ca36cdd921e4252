using Dapper;
using Npgsql;
using OrleansRides.Catalog.Jobs;

namespace OrleansRides.Catalog.Sessions;

/// <summary>Deletes expired anonymous sessions (their interest rows go by cascade; their demand requests stay, without a
/// session). An expired session that is interested in a ride still to come (scheduled or live, not yet ended) is kept
/// until that ride has ended, so a ride's count does not drop under its leader because riders did not come back within
/// 30 days (decision 77); it cannot be used meanwhile. Runs hourly as <c>session-cleanup</c>; idempotent.</summary>
public sealed class SessionCleanupJob(NpgsqlDataSource dataSource, TimeProvider time) : IPeriodicJob
{
    /// <summary>Rows deleted per statement, so one run never holds a long lock on a large backlog.</summary>
    public const int BatchSize = 1000;

    /// <inheritdoc />
    public async Task RunAsync(CancellationToken cancellationToken) => await DeleteExpiredAsync(cancellationToken);

    /// <summary>One run; returns how many sessions it deleted.</summary>
    public async Task<int> DeleteExpiredAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var total = 0;
        int deleted;
        do
        {
            deleted = await connection.ExecuteAsync(new CommandDefinition(
                """
                DELETE FROM anonymous_sessions WHERE id IN (
                    SELECT s.id FROM anonymous_sessions s
                    WHERE s.expires_at <= @Now
                      AND NOT EXISTS (
                          SELECT 1 FROM ride_interest i JOIN rides r ON r.id = i.ride_id
                          WHERE i.session_id = s.id AND r.status IN ('scheduled', 'live') AND r.end_time > @Now)
                    LIMIT @BatchSize)
                """, new { Now = now, BatchSize }, cancellationToken: cancellationToken));
            total += deleted;
        }
        while (deleted == BatchSize);
        return total;
    }
}
