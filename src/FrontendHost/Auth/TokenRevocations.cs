using System.Security.Claims;
using Dapper;
using Npgsql;
using OrleansRides.Runtime.Topics;

namespace OrleansRides.FrontendHost.Auth;

/// <summary>Which tokens still work, decided in PostgreSQL so that a logout, a role change or a deactivation on one frontend
/// holds on every other at once: a logged-out token's <c>jti</c> is listed in <c>revoked_tokens</c> until it would have
/// expired anyway, and an account token must carry the account's current <see cref="UserAccount.TokenVersion"/> while the
/// account is active, and its sign-in session (<c>sid</c>) must not have been ended. Hub connections already open are closed through <see cref="LiveConnections"/>.</summary>
public sealed class TokenRevocations(NpgsqlDataSource dataSource, ITopicPublisher publisher)
{
    /// <summary>Revokes a token by its <c>jti</c>, drops rows of tokens that have expired, and tells every frontend to close
    /// the token's hub connections.</summary>
    public async Task RevokeAsync(string tokenId, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO revoked_tokens (jti, expires_at) VALUES (@tokenId, @expiresAt) ON CONFLICT (jti) DO NOTHING;
            DELETE FROM revoked_tokens WHERE expires_at < now();
            """, new { tokenId, expiresAt = expiresAt.UtcDateTime }, cancellationToken: cancellationToken));
        await publisher.PublishAsync(LiveConnections.Topic, new TokenRevoked(tokenId));
    }

    /// <summary>Tells every frontend to close the hub connections of <paramref name="account"/> opened with a token older than
    /// its current version (call after the version moved: the database already refuses those tokens).</summary>
    public Task RevokeOlderTokensAsync(UserAccount account) =>
        publisher.PublishAsync(LiveConnections.Topic, new UserTokensRevoked(account.Id.ToString(), account.TokenVersion)).AsTask();

    /// <summary>Tells every frontend to close the hub connections opened with tokens of the ended sign-in session
    /// <paramref name="sessionId"/> (call after ending it: the database already refuses its tokens).</summary>
    public Task RevokeSessionAsync(Guid sessionId) =>
        publisher.PublishAsync(LiveConnections.Topic, new SessionRevoked(sessionId.ToString())).AsTask();

    /// <summary>Whether a validated token may still be used: not logged out, and for an account token, the account exists, is
    /// active and still has the version the token carries, and the token's sign-in session was not ended. One round trip,
    /// on every authenticated request and hub connect.</summary>
    public async Task<bool> IsCurrentAsync(ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        if (caller.TokenId() is not { } tokenId)
        {
            return false;
        }
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<bool>(new CommandDefinition(
            """
            SELECT NOT EXISTS (SELECT 1 FROM revoked_tokens WHERE jti = @tokenId)
               AND (@userId::uuid IS NULL OR EXISTS (SELECT 1 FROM users WHERE id = @userId AND is_active AND token_version = @version))
               AND (@sessionId::uuid IS NULL OR EXISTS (SELECT 1 FROM sessions WHERE id = @sessionId AND revoked_at IS NULL))
            """, new { tokenId, userId = caller.UserId(), version = caller.TokenVersion(), sessionId = caller.SessionId() },
            cancellationToken: cancellationToken));
    }
}
