using Dapper;
using Npgsql;
using OrleansRides.Catalog;
using static OrleansRides.Runtime.Storage.PostgresTime;

namespace OrleansRides.Lounges.SignIn;

/// <summary>How long sign-in sessions last.</summary>
/// <param name="IdleLifetime">A session unused (not refreshed) this long expires; each refresh moves its expiry on
/// (sliding).</param>
/// <param name="AbsoluteLifetime">No session lasts longer than this after its sign-in, however often it is refreshed.</param>
public sealed record SessionLifetimes(TimeSpan IdleLifetime, TimeSpan AbsoluteLifetime);

/// <summary>Why a session ended: the values of <c>sessions.revoked_reason</c>.</summary>
public static class SessionEndReasons
{
    /// <summary>The device logged out.</summary>
    public const string Logout = "logout";
    /// <summary>The user signed the device out from their list of devices.</summary>
    public const string SignedOut = "signed_out";
    /// <summary>A rotated refresh token was presented again (taken for theft).</summary>
    public const string ReuseDetected = "reuse_detected";
    /// <summary>An admin ended the user's sessions.</summary>
    public const string Admin = "admin";
    /// <summary>An admin deactivated the account.</summary>
    public const string Deactivated = "deactivated";
}

/// <summary>A newly issued refresh token.</summary>
/// <param name="SessionId">The session it belongs to (the access tokens' <c>sid</c>).</param>
/// <param name="UserId">The session's account.</param>
/// <param name="RefreshToken">32 random bytes, base64url without padding (43 characters). Shown once; stored only as its
/// SHA-256.</param>
/// <param name="ExpiresAt">When the session ends unless refreshed before, UTC (never after its absolute end).</param>
public sealed record IssuedRefreshToken(Guid SessionId, Guid UserId, string RefreshToken, DateTimeOffset ExpiresAt);

/// <summary>What a refresh came to.</summary>
public enum RefreshOutcome
{
    /// <summary>Rotated: <see cref="RefreshResult.Issued"/> holds the new token.</summary>
    Rotated,
    /// <summary>Unknown or malformed token, or its session expired.</summary>
    Invalid,
    /// <summary>The token was rotated before: the session is revoked now (reason <c>reuse_detected</c>).</summary>
    Reused,
    /// <summary>The session had been ended.</summary>
    Revoked,
    /// <summary>The account is deactivated.</summary>
    AccountInactive,
}

/// <summary>The result of <see cref="SignInSessions.RefreshAsync"/>.</summary>
/// <param name="Outcome">What happened.</param>
/// <param name="Issued">The new token when <see cref="RefreshOutcome.Rotated"/>.</param>
/// <param name="SessionId">The session the presented token belongs to, when it is known (so a caller can close what the
/// session still has open after <see cref="RefreshOutcome.Reused"/>).</param>
public sealed record RefreshResult(RefreshOutcome Outcome, IssuedRefreshToken? Issued = null, Guid? SessionId = null);

/// <summary>One of a user's live sessions, as <c>GET /api/v1/auth/sessions</c> lists it.</summary>
/// <param name="Id">The session id.</param>
/// <param name="DeviceLabel">From the User-Agent at sign-in (<see cref="DeviceLabels"/>).</param>
/// <param name="CreatedAt">Sign-in time, UTC.</param>
/// <param name="LastUsedAt">Last sign-in or refresh, UTC.</param>
/// <param name="ExpiresAt">When it ends unless refreshed, UTC.</param>
/// <param name="Current">Whether it is the session of the token asking.</param>
public sealed record SessionView(Guid Id, string DeviceLabel, DateTimeOffset CreatedAt, DateTimeOffset LastUsedAt, DateTimeOffset ExpiresAt, bool Current);

/// <summary>Sign-in sessions (<c>sessions</c>) and their rotating refresh tokens (<c>session_refresh_tokens</c>) in
/// PostgreSQL. Every token a session was given stays stored (as SHA-256), so that presenting one already rotated is
/// recognised as reuse and ends the session (OAuth 2.0 Security BCP, RFC 9700 §4.14.2: refresh token rotation).</summary>
public sealed class SignInSessions(NpgsqlDataSource dataSource, TimeProvider time, SessionLifetimes lifetimes)
{
    /// <summary>Length of a refresh token in characters (an <see cref="OpaqueTokens"/> token).</summary>
    public const int TokenLength = OpaqueTokens.Length;

    /// <summary>Starts a session for <paramref name="userId"/> on the device <paramref name="deviceLabel"/> (made by
    /// <see cref="DeviceLabels.FromUserAgent"/>) and issues its first refresh token.</summary>
    public async Task<IssuedRefreshToken> StartAsync(Guid userId, string deviceLabel, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var sessionId = Guid.CreateVersion7();
        var expiresAt = now + Min(lifetimes.IdleLifetime, lifetimes.AbsoluteLifetime);
        var (token, hash) = OpaqueTokens.New();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO sessions (id, user_id, device_label, created_at, last_used_at, expires_at)
            VALUES (@sessionId, @userId, @deviceLabel, @now, @now, @expiresAt);
            INSERT INTO session_refresh_tokens (token_hash, session_id, issued_at) VALUES (@hash, @sessionId, @now);
            """, new { sessionId, userId, deviceLabel, now, expiresAt, hash }, cancellationToken: cancellationToken));
        return new IssuedRefreshToken(sessionId, userId, token, expiresAt);
    }

    /// <summary>Rotates <paramref name="refreshToken"/>: the presented token is marked rotated by the same statement that
    /// checks it is live, so of two concurrent refreshes with one token exactly one rotates it, and the other finds it rotated
    /// (reuse, which revokes the session).</summary>
    public async Task<RefreshResult> RefreshAsync(string refreshToken, CancellationToken cancellationToken)
    {
        if (Hash(refreshToken) is not { } hash)
        {
            return new(RefreshOutcome.Invalid);
        }
        var now = time.GetUtcNow();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using (var transaction = await connection.BeginTransactionAsync(cancellationToken))
        {
            // The row lock taken by this UPDATE makes a concurrent refresh of the same token wait, then re-check
            // rotated_at IS NULL against the committed row and update nothing.
            var live = await connection.QuerySingleOrDefaultAsync<LiveSession>(new CommandDefinition(
                """
                UPDATE session_refresh_tokens t SET rotated_at = @now
                FROM sessions s JOIN users u ON u.id = s.user_id
                WHERE t.token_hash = @hash AND t.rotated_at IS NULL AND s.id = t.session_id
                  AND s.revoked_at IS NULL AND s.expires_at > @now AND u.is_active
                RETURNING s.id AS SessionId, s.user_id AS UserId, s.created_at AS CreatedAt
                """, new { hash, now }, transaction, cancellationToken: cancellationToken));
            if (live is not null)
            {
                var (token, newHash) = OpaqueTokens.New();
                var expiresAt = Min(now + lifetimes.IdleLifetime, Utc(live.CreatedAt) + lifetimes.AbsoluteLifetime);
                await connection.ExecuteAsync(new CommandDefinition(
                    """
                    INSERT INTO session_refresh_tokens (token_hash, session_id, issued_at) VALUES (@newHash, @SessionId, @now);
                    UPDATE sessions SET last_used_at = @now, expires_at = @expiresAt WHERE id = @SessionId;
                    """, new { newHash, live.SessionId, now, expiresAt }, transaction, cancellationToken: cancellationToken));
                await transaction.CommitAsync(cancellationToken);
                return new(RefreshOutcome.Rotated, new IssuedRefreshToken(live.SessionId, live.UserId, token, expiresAt), live.SessionId);
            }
        }
        // Not rotated by us: read why (a new statement, so a concurrent winner's commit is seen).
        var state = await connection.QuerySingleOrDefaultAsync<TokenState>(new CommandDefinition(
            """
            SELECT s.id AS SessionId, t.rotated_at IS NOT NULL AS Rotated, s.revoked_at IS NOT NULL AS Revoked,
                   s.expires_at <= @now AS Expired, u.is_active AS IsActive
            FROM session_refresh_tokens t JOIN sessions s ON s.id = t.session_id JOIN users u ON u.id = s.user_id
            WHERE t.token_hash = @hash
            """, new { hash, now }, cancellationToken: cancellationToken));
        switch (state)
        {
            case null:
                return new(RefreshOutcome.Invalid);
            case { IsActive: false }:
                return new(RefreshOutcome.AccountInactive, SessionId: state.SessionId);
            case { Revoked: true }:
                return new(RefreshOutcome.Revoked, SessionId: state.SessionId);
            case { Expired: true }:
                return new(RefreshOutcome.Invalid, SessionId: state.SessionId);
            default:
                await EndAsync(connection, state.SessionId, SessionEndReasons.ReuseDetected, now, cancellationToken);
                return new(RefreshOutcome.Reused, SessionId: state.SessionId);
        }
    }

    /// <summary>The user's live sessions (not ended, not expired), most recently used first.</summary>
    /// <param name="userId">The account.</param>
    /// <param name="currentSessionId">The asking token's <c>sid</c>, marked <see cref="SessionView.Current"/>.</param>
    /// <param name="page">Limit 1–100, offset ≥ 0.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    public async Task<Page<SessionView>> ListAsync(Guid userId, Guid? currentSessionId, PageRequest page, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = (await connection.QueryAsync<SessionRow>(new CommandDefinition(
            """
            SELECT id AS Id, device_label AS DeviceLabel, created_at AS CreatedAt, last_used_at AS LastUsedAt,
                   expires_at AS ExpiresAt, count(*) OVER () AS Total
            FROM sessions WHERE user_id = @userId AND revoked_at IS NULL AND expires_at > @now
            ORDER BY last_used_at DESC, id DESC LIMIT @Limit OFFSET @Offset
            """, new { userId, now = time.GetUtcNow(), page.Limit, page.Offset }, cancellationToken: cancellationToken))).ToList();
        var total = rows.Count > 0 ? (int)rows[0].Total : page.Offset == 0 ? 0 : await CountAsync(connection, userId, cancellationToken);
        return new Page<SessionView>(
            rows.Select(r => new SessionView(r.Id, r.DeviceLabel, Utc(r.CreatedAt), Utc(r.LastUsedAt), Utc(r.ExpiresAt), r.Id == currentSessionId)).ToList(), total);
    }

    /// <summary>Ends one live session of <paramref name="userId"/>.</summary>
    /// <returns>False when the user has no live session with that id (someone else's, ended, expired or unknown).</returns>
    public async Task<bool> EndAsync(Guid userId, Guid sessionId, string reason, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE sessions SET revoked_at = @now, revoked_reason = @reason
            WHERE id = @sessionId AND user_id = @userId AND revoked_at IS NULL AND expires_at > @now
            """, new { sessionId, userId, reason, now = time.GetUtcNow() }, cancellationToken: cancellationToken)) == 1;
    }

    /// <summary>Ends every live session of <paramref name="userId"/>.</summary>
    /// <returns>The ids of the sessions ended.</returns>
    public async Task<IReadOnlyList<Guid>> EndAllAsync(Guid userId, string reason, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return (await connection.QueryAsync<Guid>(new CommandDefinition(
            """
            UPDATE sessions SET revoked_at = @now, revoked_reason = @reason
            WHERE user_id = @userId AND revoked_at IS NULL RETURNING id
            """, new { userId, reason, now = time.GetUtcNow() }, cancellationToken: cancellationToken))).ToList();
    }

    private static Task EndAsync(NpgsqlConnection connection, Guid sessionId, string reason, DateTimeOffset now, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(
            "UPDATE sessions SET revoked_at = @now, revoked_reason = @reason WHERE id = @sessionId AND revoked_at IS NULL",
            new { sessionId, reason, now }, cancellationToken: cancellationToken));

    private async Task<int> CountAsync(NpgsqlConnection connection, Guid userId, CancellationToken cancellationToken) =>
        await connection.ExecuteScalarAsync<int>(new CommandDefinition(
            "SELECT count(*) FROM sessions WHERE user_id = @userId AND revoked_at IS NULL AND expires_at > @now",
            new { userId, now = time.GetUtcNow() }, cancellationToken: cancellationToken));

    /// <summary>The stored hash of a well-formed token, or <c>null</c> for anything that cannot be one (so that no query
    /// runs for it).</summary>
    private static byte[]? Hash(string token) =>
        token.Length == TokenLength && token.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_')
            ? OpaqueTokens.Hash(token)
            : null;

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    // Npgsql reads timestamptz as a UTC DateTime; rows take that and views convert.
    private sealed record LiveSession(Guid SessionId, Guid UserId, DateTime CreatedAt);

    private sealed record TokenState(Guid SessionId, bool Rotated, bool Revoked, bool Expired, bool IsActive);

    private sealed record SessionRow(Guid Id, string DeviceLabel, DateTime CreatedAt, DateTime LastUsedAt, DateTime ExpiresAt, long Total);
}
