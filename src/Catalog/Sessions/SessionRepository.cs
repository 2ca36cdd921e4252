using Dapper;
using Npgsql;

namespace OrleansRides.Catalog.Sessions;

/// <summary>Anonymous sessions in <c>anonymous_sessions</c> (sql/008): get or create by fingerprint, use (with the sliding
/// expiry), clean up. "Now" is the injected <see cref="TimeProvider"/>.</summary>
public sealed class SessionRepository(NpgsqlDataSource dataSource, TimeProvider time)
{
    /// <summary>The live session whose fingerprint is <paramref name="fingerprint"/> (its expiry moved on), or a new one;
    /// always a new one without a fingerprint. Two concurrent calls with one new fingerprint get the same session.</summary>
    public async Task<SessionResult> GetOrCreateAsync(string? fingerprint, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var hash = fingerprint is null ? null : SessionRules.FingerprintHash(fingerprint);
        var parameters = new { Id = Guid.CreateVersion7(now), Hash = hash, Now = now, ExpiresAt = now + SessionRules.Lifetime, StaleBefore = now - SessionRules.TouchInterval };
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (hash is not null)
        {
            // An expired session kept for its upcoming interest (decision 77) gives its fingerprint up: it cannot be used.
            await connection.ExecuteAsync(new CommandDefinition(
                "UPDATE anonymous_sessions SET fingerprint_hash = NULL WHERE fingerprint_hash = @Hash AND expires_at <= @Now",
                parameters, transaction, cancellationToken: cancellationToken));
        }
        // The update of a found session only when its last touch is stale; then no row comes back and the select finds it.
        var row = await connection.QuerySingleOrDefaultAsync<SessionRow>(new CommandDefinition(
            """
            INSERT INTO anonymous_sessions AS s (id, fingerprint_hash, created_at, last_seen_at, expires_at)
            VALUES (@Id, @Hash, @Now, @Now, @ExpiresAt)
            ON CONFLICT (fingerprint_hash) DO UPDATE SET last_seen_at = EXCLUDED.last_seen_at, expires_at = EXCLUDED.expires_at
                WHERE s.last_seen_at <= @StaleBefore
            RETURNING id AS Id, expires_at AS ExpiresAt, (xmax = 0) AS Created
            """, parameters, transaction, cancellationToken: cancellationToken))
            ?? await connection.QuerySingleAsync<SessionRow>(new CommandDefinition(
                "SELECT id AS Id, expires_at AS ExpiresAt, false AS Created FROM anonymous_sessions WHERE fingerprint_hash = @Hash",
                parameters, transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        return row.ToResult();
    }

    /// <summary>Uses a session: its expiry moves to 30 days from now if it was last moved a minute ago or more. Returns it,
    /// or <c>null</c> when it is unknown or expired.</summary>
    public async Task<AnonymousSession?> UseAsync(Guid sessionId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<SessionRow>(new CommandDefinition(
            """
            WITH found AS (
                SELECT id, last_seen_at, expires_at FROM anonymous_sessions WHERE id = @Id AND expires_at > @Now),
            touched AS (
                UPDATE anonymous_sessions s SET last_seen_at = @Now, expires_at = @ExpiresAt
                FROM found WHERE s.id = found.id AND found.last_seen_at <= @StaleBefore
                RETURNING s.expires_at)
            SELECT id AS Id, COALESCE((SELECT expires_at FROM touched), found.expires_at) AS ExpiresAt, false AS Created FROM found
            """,
            new { Id = sessionId, Now = now, ExpiresAt = now + SessionRules.Lifetime, StaleBefore = now - SessionRules.TouchInterval },
            cancellationToken: cancellationToken));
        return row?.ToResult().Session;
    }

    /// <summary>The session a request names: <paramref name="sessionId"/> if given (<c>null</c> when unknown or expired),
    /// else the one for <paramref name="fingerprint"/>, made if needed (a new one when both are absent).</summary>
    public async Task<SessionResult?> ResolveAsync(Guid? sessionId, string? fingerprint, CancellationToken cancellationToken) =>
        sessionId is { } id
            ? await UseAsync(id, cancellationToken) is { } session ? new SessionResult(session, false) : null
            : await GetOrCreateAsync(fingerprint, cancellationToken);

    private sealed record SessionRow(Guid Id, DateTime ExpiresAt, bool Created)
    {
        public SessionResult ToResult() => new(new AnonymousSession(Id, DateTime.SpecifyKind(ExpiresAt, DateTimeKind.Utc)), Created);
    }
}
