using Dapper;
using Microsoft.Extensions.Options;
using Npgsql;

namespace OrleansRides.FrontendHost.Auth;

/// <summary>Throttles password guessing after the OWASP Authentication Cheat Sheet: failures are rows in
/// <c>login_failures</c> (shared by every frontend, so guesses spread over frontends count once), and three limits apply
/// over <see cref="AuthOptions.LoginFailureWindow"/> (15 min):
/// per (email, client IP), strict (<see cref="AuthOptions.LoginFailureLimit"/>, 5); per client IP over all emails
/// (<see cref="AuthOptions.LoginFailuresPerAddress"/>, 20); and per email from anywhere, a higher bound
/// (<see cref="AuthOptions.LoginFailuresPerAccount"/>, 20) past which attempts wait a doubling delay capped at
/// <see cref="AuthOptions.LoginAccountDelayCap"/>. So an attacker at one address locks only himself out, and one with many
/// addresses only slows the account down. Emails are expected in <see cref="EmailAddresses.Normalize"/> form. Times come
/// from the injected <see cref="TimeProvider"/>, not the database clock, so tests can move them.</summary>
public sealed class LoginThrottle(NpgsqlDataSource dataSource, IOptions<AuthOptions> options, TimeProvider clock)
{
    // The per-account delay doubles with each failure past the bound; the exponent stops at 2^16 s, far above any cap.
    private const int MaxDelayExponent = 16;

    private readonly AuthOptions _options = options.Value;

    /// <summary>How long this client IP must wait before trying <paramref name="email"/>, or <c>null</c> when it may try
    /// now: the longest of the three limits' waits (each ends when the failure that tripped it leaves the window, or when
    /// the per-account delay after the last failure has passed).</summary>
    public async Task<TimeSpan?> RetryAfterAsync(string ip, string email, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var seconds = await connection.ExecuteScalarAsync<double?>(new CommandDefinition(
            """
            WITH recent AS (
                SELECT ip, lower(email) = lower(@email) AS same_account, attempted_at FROM login_failures
                WHERE (ip = @ip OR lower(email) = lower(@email)) AND attempted_at > @now - @window
            ), waits AS (
                (SELECT attempted_at + @window AS free_at FROM recent WHERE ip = @ip
                 ORDER BY attempted_at DESC OFFSET @addressSkip LIMIT 1)
                UNION ALL
                (SELECT attempted_at + @window FROM recent WHERE ip = @ip AND same_account
                 ORDER BY attempted_at DESC OFFSET @pairSkip LIMIT 1)
                UNION ALL
                (SELECT max(attempted_at) + least(@delayCap, make_interval(secs => power(2, least(count(*) - @accountBound, @maxExponent))))
                 FROM recent WHERE same_account HAVING count(*) >= @accountBound)
            )
            SELECT extract(epoch FROM max(free_at) - @now) FROM waits
            """,
            new
            {
                ip,
                email,
                now = clock.GetUtcNow(),
                window = _options.LoginFailureWindow,
                addressSkip = _options.LoginFailuresPerAddress - 1,
                pairSkip = _options.LoginFailureLimit - 1,
                accountBound = _options.LoginFailuresPerAccount,
                delayCap = _options.LoginAccountDelayCap,
                maxExponent = MaxDelayExponent,
            },
            cancellationToken: cancellationToken));
        return seconds is > 0 ? TimeSpan.FromSeconds(seconds.Value) : null;
    }

    /// <summary>Records a failed login, and drops failures older than the window.</summary>
    public async Task RecordFailureAsync(string ip, string email, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO login_failures (ip, email, attempted_at) VALUES (@ip, @email, @now);
            DELETE FROM login_failures WHERE attempted_at < @now - @window;
            """, new { ip, email, now = clock.GetUtcNow(), window = _options.LoginFailureWindow }, cancellationToken: cancellationToken));
    }
}
