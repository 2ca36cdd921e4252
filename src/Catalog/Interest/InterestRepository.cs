using Dapper;
using Npgsql;

namespace OrleansRides.Catalog.Interest;

/// <summary>"I'm coming" rows in <c>ride_interest</c> (sql/010, sql/011). Each change is one statement that checks the ride
/// and the session, writes or deletes the row and counts, so counts stay exact under any concurrency: the primary key
/// (ride, session) makes a repeat a no-op. A ride is open while it is scheduled or live and its start is not past
/// (<see cref="TimeProvider"/>); a closed ride's interest is frozen both ways.</summary>
public sealed class InterestRepository(NpgsqlDataSource dataSource, TimeProvider time)
{
    // The count is the statement's snapshot plus its own change: a data-modifying CTE's effect is not visible to the rest
    // of its statement.
    private const string Checks =
        """
        WITH ride AS (
            SELECT id, (status IN ('scheduled', 'live') AND start_time >= @Now) AS open FROM rides WHERE id = @RideId),
        session AS (
            SELECT id FROM anonymous_sessions WHERE id = @SessionId AND expires_at > @Now),
        """;

    /// <summary>Records the session's interest in the ride (idempotent).</summary>
    public Task<InterestChange> AddAsync(Guid rideId, Guid sessionId, CancellationToken cancellationToken) =>
        ChangeAsync($"""
            {Checks}
            changed AS (
                INSERT INTO ride_interest (ride_id, session_id, created_at)
                SELECT ride.id, session.id, @Now FROM ride, session WHERE ride.open
                ON CONFLICT DO NOTHING RETURNING 1)
            SELECT (SELECT open FROM ride) AS Open, EXISTS (SELECT 1 FROM session) AS SessionFound,
                   (SELECT count(*) FROM ride_interest WHERE ride_id = @RideId) + (SELECT count(*) FROM changed) AS InterestCount
            """, rideId, sessionId, cancellationToken);

    /// <summary>Removes the session's interest in the ride (idempotent: no interest is fine).</summary>
    public Task<InterestChange> RemoveAsync(Guid rideId, Guid sessionId, CancellationToken cancellationToken) =>
        ChangeAsync($"""
            {Checks}
            changed AS (
                DELETE FROM ride_interest i USING ride, session
                WHERE i.ride_id = ride.id AND i.session_id = session.id AND ride.open
                RETURNING 1)
            SELECT (SELECT open FROM ride) AS Open, EXISTS (SELECT 1 FROM session) AS SessionFound,
                   (SELECT count(*) FROM ride_interest WHERE ride_id = @RideId) - (SELECT count(*) FROM changed) AS InterestCount
            """, rideId, sessionId, cancellationToken);

    /// <summary>Sessions interested in the ride now.</summary>
    public async Task<int> CountAsync(Guid rideId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<int>(new CommandDefinition(
            "SELECT count(*) FROM ride_interest WHERE ride_id = @rideId", new { rideId }, cancellationToken: cancellationToken));
    }

    private async Task<InterestChange> ChangeAsync(string sql, Guid rideId, Guid sessionId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var row = await connection.QuerySingleAsync<ChangeRow>(new CommandDefinition(
            sql, new { RideId = rideId, SessionId = sessionId, Now = time.GetUtcNow() }, cancellationToken: cancellationToken));
        var outcome = row switch
        {
            { Open: null } => InterestOutcome.RideNotFound,
            { SessionFound: false } => InterestOutcome.SessionNotFound,
            { Open: false } => InterestOutcome.RideNotOpen,
            _ => InterestOutcome.Done,
        };
        return new InterestChange(outcome, outcome == InterestOutcome.Done ? (int)row.InterestCount : 0);
    }

    private sealed record ChangeRow(bool? Open, bool SessionFound, long InterestCount);
}
