using Dapper;
using Microsoft.Extensions.Options;
using Npgsql;

namespace OrleansRides.FrontendHost.Auth;

/// <summary>Counts failed logins per client IP and per email in PostgreSQL (shared by every frontend, so a brute force
/// spread over frontends is counted once), over a sliding window.</summary>
public sealed class LoginThrottle(NpgsqlDataSource dataSource, IOptions<AuthOptions> options)
{
    private readonly AuthOptions _options = options.Value;

    /// <summary>How long this IP or this email must wait, or <c>null</c> when it may try now. Blocked once
    /// <see cref="AuthOptions.LoginFailureLimit"/> failures fall inside <see cref="AuthOptions.LoginFailureWindow"/>,
    /// until the oldest of them leaves it.</summary>
    public async Task<TimeSpan?> RetryAfterAsync(string ip, string email, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        // The limit-th most recent failure of each key decides when that key is free again.
        var seconds = await connection.ExecuteScalarAsync<double?>(new CommandDefinition(
            """
            SELECT extract(epoch FROM max(free_at) - now()) FROM (
                (SELECT attempted_at + @window AS free_at FROM login_failures
                 WHERE ip = @ip AND attempted_at > now() - @window ORDER BY attempted_at DESC OFFSET @skip LIMIT 1)
                UNION ALL
                (SELECT attempted_at + @window FROM login_failures
                 WHERE lower(email) = lower(@email) AND attempted_at > now() - @window ORDER BY attempted_at DESC OFFSET @skip LIMIT 1)
            ) AS blocked
            """,
            new { ip, email, window = _options.LoginFailureWindow, skip = _options.LoginFailureLimit - 1 },
            cancellationToken: cancellationToken));
        return seconds is > 0 ? TimeSpan.FromSeconds(seconds.Value) : null;
    }

    /// <summary>Records a failed login, and drops failures older than the window.</summary>
    public async Task RecordFailureAsync(string ip, string email, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO login_failures (ip, email) VALUES (@ip, @email);
            DELETE FROM login_failures WHERE attempted_at < now() - @window;
            """, new { ip, email = email.Trim(), window = _options.LoginFailureWindow }, cancellationToken: cancellationToken));
    }
}
