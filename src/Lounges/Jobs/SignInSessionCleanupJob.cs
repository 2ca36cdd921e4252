using Dapper;
using Npgsql;
using OrleansRides.Catalog.Jobs;

namespace OrleansRides.Lounges.Jobs;

/// <summary>Deletes sign-in sessions (their refresh tokens go by cascade) that expired or were ended more than
/// <see cref="Retention"/> ago. The retention keeps a recently ended session, and its rotated tokens, long enough that a
/// stolen token presented days later is still recognised as reuse (answered <c>SESSION_REVOKED</c>, not a bare
/// <c>INVALID_REFRESH_TOKEN</c>) and that a user can tell support what ended it (decision 119). Runs hourly as
/// <c>sign-in-session-cleanup</c>; idempotent.</summary>
public sealed class SignInSessionCleanupJob(NpgsqlDataSource dataSource, TimeProvider time) : IPeriodicJob
{
    /// <summary>How long an expired or ended session is kept: 7 days.</summary>
    public static readonly TimeSpan Retention = TimeSpan.FromDays(7);

    /// <summary>Rows deleted per statement, so one run never holds a long lock on a large backlog.</summary>
    public const int BatchSize = 1000;

    /// <inheritdoc />
    public async Task RunAsync(CancellationToken cancellationToken) => await DeleteEndedAsync(cancellationToken);

    /// <summary>One run; returns how many sessions it deleted.</summary>
    public async Task<int> DeleteEndedAsync(CancellationToken cancellationToken)
    {
        var before = time.GetUtcNow() - Retention;
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var total = 0;
        int deleted;
        do
        {
            deleted = await connection.ExecuteAsync(new CommandDefinition(
                """
                DELETE FROM sessions WHERE id IN (
                    SELECT id FROM sessions WHERE expires_at < @before OR revoked_at < @before LIMIT @BatchSize)
                """, new { before, BatchSize }, cancellationToken: cancellationToken));
            total += deleted;
        }
        while (deleted == BatchSize);
        return total;
    }
}
