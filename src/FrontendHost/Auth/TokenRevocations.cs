using Dapper;
using Npgsql;
using OrleansRides.Runtime.Topics;

namespace OrleansRides.FrontendHost.Auth;

/// <summary>Logged-out tokens, in PostgreSQL so that a logout on one frontend holds on every other at once. A row lives
/// until the token would have expired anyway. Hub connections already open with the token are closed through
/// <see cref="LiveConnections"/>.</summary>
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

    /// <summary>Whether the token was revoked.</summary>
    public async Task<bool> IsRevokedAsync(string tokenId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<bool>(new CommandDefinition(
            "SELECT EXISTS (SELECT 1 FROM revoked_tokens WHERE jti = @tokenId)", new { tokenId }, cancellationToken: cancellationToken));
    }
}
