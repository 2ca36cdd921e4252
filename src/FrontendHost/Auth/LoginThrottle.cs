using OrleansRides.Catalog;
using System.Data;
using Dapper;
using Microsoft.Extensions.Options;
using Npgsql;

namespace OrleansRides.FrontendHost.Auth;

/// <summary>One login attempt as the throttle saw it: either refused (<see cref="RetryAfter"/>) or counted as a failure
/// until <see cref="LoginThrottle.SucceededAsync"/> says the password was right.</summary>
/// <param name="RetryAfter">How long to wait before trying again; null when the attempt may go ahead.</param>
/// <param name="FailureId">The <c>login_failures</c> row counting this attempt, when it went ahead.</param>
public sealed record LoginAttempt(TimeSpan? RetryAfter, long? FailureId);

/// <summary>Throttles password guessing after the OWASP Authentication Cheat Sheet: attempts are rows in
/// <c>login_failures</c> (shared by every frontend, so guesses spread over frontends count once), and three limits apply
/// over <see cref="AuthOptions.LoginFailureWindow"/> (15 min):
/// per (email, client IP), strict (<see cref="AuthOptions.LoginFailureLimit"/>, 5); per client IP over all emails
/// (<see cref="AuthOptions.LoginFailuresPerAddress"/>, 20); and per email from anywhere, a higher bound
/// (<see cref="AuthOptions.LoginFailuresPerAccount"/>, 20) past which attempts wait a doubling delay capped at
/// <see cref="AuthOptions.LoginAccountDelayCap"/> — except from addresses the account has logged in from
/// (<c>login_known_addresses</c>). So an attacker at one address locks only himself out, and one with many addresses
/// slows the account down for strangers but never keeps the owner out.
/// <para>An attempt is counted before the password is checked, in one transaction holding advisory locks on the address
/// and the email, so parallel attempts are judged one after another and cannot all pass before the first failure is
/// written; a right password deletes its row again.</para>
/// Emails are expected in <see cref="EmailAddresses.Normalize"/> form. Times come from the injected
/// <see cref="TimeProvider"/>, not the database clock, so tests can move them.</summary>
public sealed class LoginThrottle(NpgsqlDataSource dataSource, IOptions<AuthOptions> options, TimeProvider clock)
{
    // The per-account delay doubles with each failure past the bound; the exponent stops at 2^16 s, far above any cap.
    private const int MaxDelayExponent = 16;

    private const string WaitSql =
        """
        WITH recent AS (
            SELECT ip, lower(email) = lower(@email) AS same_account, attempted_at FROM login_failures
            WHERE (ip = @ip OR lower(email) = lower(@email)) AND attempted_at > @now - @window
        ), known AS (
            SELECT EXISTS (SELECT 1 FROM login_known_addresses
                           WHERE email = lower(@email) AND ip = @ip AND last_success_at > @now - @knownFor) AS is_known
        ), waits AS (
            (SELECT attempted_at + @window AS free_at FROM recent WHERE ip = @ip
             ORDER BY attempted_at DESC OFFSET @addressSkip LIMIT 1)
            UNION ALL
            (SELECT attempted_at + @window FROM recent WHERE ip = @ip AND same_account
             ORDER BY attempted_at DESC OFFSET @pairSkip LIMIT 1)
            UNION ALL
            (SELECT max(attempted_at) + least(@delayCap, make_interval(secs => power(2, least(count(*) - @accountBound, @maxExponent))))
             FROM recent WHERE same_account AND NOT (SELECT is_known FROM known) HAVING count(*) >= @accountBound)
        )
        SELECT extract(epoch FROM max(free_at) - @now) FROM waits
        """;

    private readonly AuthOptions _options = options.Value;

    /// <summary>How long this client IP must wait before trying <paramref name="email"/>, or <c>null</c> when it may try
    /// now: the longest of the three limits' waits (each ends when the failure that tripped it leaves the window, or when
    /// the per-account delay after the last failure has passed). Counts nothing.</summary>
    public async Task<TimeSpan?> RetryAfterAsync(string ip, string email, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await WaitAsync(connection, null, ip, email, cancellationToken);
    }

    /// <summary>Judges and counts one attempt: refused with a wait when a limit is reached, otherwise counted as a failure
    /// (until <see cref="SucceededAsync"/>) before the caller checks the password.</summary>
    public async Task<LoginAttempt> BeginAsync(string ip, string email, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.ReadCommitted, cancellationToken);
        // Always address first, then email: every attempt takes them in the same order, so two never deadlock.
        await connection.ExecuteAsync(new CommandDefinition(
            "SELECT pg_advisory_xact_lock(hashtext('login-ip:' || @ip)), pg_advisory_xact_lock(hashtext('login-email:' || lower(@email)))",
            new { ip, email }, transaction, cancellationToken: cancellationToken));
        if (await WaitAsync(connection, transaction, ip, email, cancellationToken) is { } wait)
        {
            return new LoginAttempt(wait, null);
        }
        var id = await InsertFailureAsync(connection, transaction, ip, email, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new LoginAttempt(null, id);
    }

    /// <summary>The attempt's password was right: it was no failure, and <paramref name="ip"/> is now a known address of
    /// the account.</summary>
    public async Task SucceededAsync(LoginAttempt attempt, string ip, string email, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            DELETE FROM login_failures WHERE id = @FailureId;
            INSERT INTO login_known_addresses (email, ip, last_success_at) VALUES (lower(@email), @ip, @now)
            ON CONFLICT (email, ip) DO UPDATE SET last_success_at = excluded.last_success_at;
            """, new { attempt.FailureId, email, ip, now = clock.GetUtcNow() }, cancellationToken: cancellationToken));
    }

    /// <summary>Records a failed login, and drops failures older than the window.</summary>
    public async Task RecordFailureAsync(string ip, string email, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await InsertFailureAsync(connection, null, ip, email, cancellationToken);
    }

    private async Task<TimeSpan?> WaitAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string ip, string email,
        CancellationToken cancellationToken)
    {
        var seconds = await connection.ExecuteScalarAsync<double?>(new CommandDefinition(WaitSql,
            new
            {
                ip,
                email,
                now = clock.GetUtcNow(),
                window = _options.LoginFailureWindow,
                knownFor = _options.LoginKnownAddressLifetime,
                addressSkip = _options.LoginFailuresPerAddress - 1,
                pairSkip = _options.LoginFailureLimit - 1,
                accountBound = _options.LoginFailuresPerAccount,
                delayCap = _options.LoginAccountDelayCap,
                maxExponent = MaxDelayExponent,
            },
            transaction, cancellationToken: cancellationToken));
        return seconds is > 0 ? TimeSpan.FromSeconds(seconds.Value) : null;
    }

    private async Task<long> InsertFailureAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string ip, string email,
        CancellationToken cancellationToken) =>
        await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            """
            DELETE FROM login_failures WHERE attempted_at < @now - @window;
            INSERT INTO login_failures (ip, email, attempted_at) VALUES (@ip, @email, @now) RETURNING id;
            """, new { ip, email, now = clock.GetUtcNow(), window = _options.LoginFailureWindow }, transaction,
            cancellationToken: cancellationToken));
}
