using Dapper;
using OrleansRides.Catalog;
using OrleansRides.Lounges.Jobs;
using OrleansRides.Lounges.SignIn;
using OrleansRides.Tests.Shared;

namespace OrleansRides.Lounges.Tests.SignIn;

/// <summary>Issue 11, "Sessions": refresh tokens rotate, a rotated token presented again ends its session, one token
/// refreshed concurrently rotates once, sessions slide to their idle expiry but never past the absolute one, and the
/// clean-up job keeps ended sessions for its retention only.</summary>
[Collection(LoungesCollection.Name)]
public sealed class SignInSessionsTests(TestDatabase database)
{
    private static readonly SessionLifetimes Lifetimes = new(TimeSpan.FromDays(30), TimeSpan.FromDays(90));
    private readonly ManualTimeProvider _clock = new(DateTimeOffset.UtcNow);

    private SignInSessions Sessions() => new(database.DataSource, _clock, Lifetimes);

    private async Task<Guid> NewUserAsync(bool active = true)
    {
        var id = Guid.NewGuid();
        await using var connection = await database.DataSource.OpenConnectionAsync();
        await connection.ExecuteAsync(
            "INSERT INTO users (id, email, name, password_hash, role, is_active) VALUES (@id, @email, 'Sessions', 'x', 'member', @active)",
            new { id, email = $"sessions-{id:N}@tests.example.org", active });
        return id;
    }

    private async Task<string?> RevokedReasonAsync(Guid sessionId)
    {
        await using var connection = await database.DataSource.OpenConnectionAsync();
        return await connection.ExecuteScalarAsync<string?>("SELECT revoked_reason FROM sessions WHERE id = @sessionId", new { sessionId });
    }

    [Fact]
    public async Task A_refresh_rotates_the_token_and_presenting_the_old_one_again_ends_the_session()
    {
        var sessions = Sessions();
        var user = await NewUserAsync();
        var first = await sessions.StartAsync(user, "Firefox on Linux", CancellationToken.None);

        var rotated = await sessions.RefreshAsync(first.RefreshToken, CancellationToken.None);

        Assert.Equal(RefreshOutcome.Rotated, rotated.Outcome);
        Assert.Equal(first.SessionId, rotated.Issued!.SessionId);
        Assert.NotEqual(first.RefreshToken, rotated.Issued.RefreshToken);
        Assert.Equal(SignInSessions.TokenLength, rotated.Issued.RefreshToken.Length);
        await using (var connection = await database.DataSource.OpenConnectionAsync())
        {
            // Only hashes are stored.
            var stored = await connection.QueryAsync<byte[]>("SELECT token_hash FROM session_refresh_tokens WHERE session_id = @SessionId", first);
            Assert.All(stored, hash => Assert.Equal(32, hash.Length));
            Assert.Equal(2, stored.Count());
        }

        var reused = await sessions.RefreshAsync(first.RefreshToken, CancellationToken.None);

        Assert.Equal(RefreshOutcome.Reused, reused.Outcome);
        Assert.Equal(first.SessionId, reused.SessionId);
        Assert.Equal(SessionEndReasons.ReuseDetected, await RevokedReasonAsync(first.SessionId));
        // The newer token, whoever holds it, dies with the session.
        Assert.Equal(RefreshOutcome.Revoked, (await sessions.RefreshAsync(rotated.Issued.RefreshToken, CancellationToken.None)).Outcome);
    }

    [Fact]
    public async Task Concurrent_refreshes_of_one_token_give_exactly_one_new_token()
    {
        var sessions = Sessions();
        var first = await sessions.StartAsync(await NewUserAsync(), "Chrome on Android", CancellationToken.None);

        var results = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => Task.Run(() => sessions.RefreshAsync(first.RefreshToken, CancellationToken.None))));

        Assert.Single(results, r => r.Outcome == RefreshOutcome.Rotated);
        Assert.All(results.Where(r => r.Outcome != RefreshOutcome.Rotated), r => Assert.Contains(r.Outcome, new[] { RefreshOutcome.Reused, RefreshOutcome.Revoked }));
        Assert.Contains(results, r => r.Outcome == RefreshOutcome.Reused);
        Assert.Equal(SessionEndReasons.ReuseDetected, await RevokedReasonAsync(first.SessionId));
    }

    [Fact]
    public async Task A_session_slides_to_its_idle_expiry_never_past_its_absolute_end_and_then_its_token_is_invalid()
    {
        var sessions = Sessions();
        var start = _clock.GetUtcNow();
        var issued = await sessions.StartAsync(await NewUserAsync(), "Safari on iPhone", CancellationToken.None);
        Assert.Equal(start + Lifetimes.IdleLifetime, issued.ExpiresAt, TimeSpan.FromMilliseconds(1));

        // Refreshed every 29 days: alive until day 90 exactly.
        for (var day = 29; day < 90; day += 29)
        {
            _clock.Advance(TimeSpan.FromDays(29));
            var refreshed = await sessions.RefreshAsync(issued.RefreshToken, CancellationToken.None);
            Assert.Equal(RefreshOutcome.Rotated, refreshed.Outcome);
            issued = refreshed.Issued!;
            var expected = start + TimeSpan.FromDays(Math.Min(day + 30, 90));
            Assert.Equal(expected, issued.ExpiresAt, TimeSpan.FromMilliseconds(1));
        }
        _clock.Advance(TimeSpan.FromDays(4)); // day 91

        Assert.Equal(RefreshOutcome.Invalid, (await sessions.RefreshAsync(issued.RefreshToken, CancellationToken.None)).Outcome);
    }

    [Fact]
    public async Task An_idle_session_expires()
    {
        var sessions = Sessions();
        var issued = await sessions.StartAsync(await NewUserAsync(), "Edge on Windows", CancellationToken.None);
        _clock.Advance(TimeSpan.FromDays(30) + TimeSpan.FromSeconds(1));

        Assert.Equal(RefreshOutcome.Invalid, (await sessions.RefreshAsync(issued.RefreshToken, CancellationToken.None)).Outcome);
        Assert.Empty((await sessions.ListAsync(issued.UserId, null, new PageRequest(10, 0), CancellationToken.None)).Items);
    }

    [Theory]
    [InlineData("")]
    [InlineData("short")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!")]
    public async Task Unknown_and_malformed_tokens_are_invalid(string token) =>
        Assert.Equal(RefreshOutcome.Invalid, (await Sessions().RefreshAsync(token, CancellationToken.None)).Outcome);

    [Fact]
    public async Task A_deactivated_account_cannot_refresh_and_its_token_is_not_spent()
    {
        var sessions = Sessions();
        var user = await NewUserAsync();
        var issued = await sessions.StartAsync(user, "Firefox on Linux", CancellationToken.None);
        await using (var connection = await database.DataSource.OpenConnectionAsync())
        {
            await connection.ExecuteAsync("UPDATE users SET is_active = false WHERE id = @user", new { user });
        }

        Assert.Equal(RefreshOutcome.AccountInactive, (await sessions.RefreshAsync(issued.RefreshToken, CancellationToken.None)).Outcome);
        Assert.Equal(RefreshOutcome.AccountInactive, (await sessions.RefreshAsync(issued.RefreshToken, CancellationToken.None)).Outcome);
        Assert.Null(await RevokedReasonAsync(issued.SessionId));
    }

    [Fact]
    public async Task Sessions_are_listed_per_user_with_the_current_one_marked_and_only_their_owner_ends_them()
    {
        var sessions = Sessions();
        var user = await NewUserAsync();
        var stranger = await NewUserAsync();
        var laptop = await sessions.StartAsync(user, "Firefox on Linux", CancellationToken.None);
        _clock.Advance(TimeSpan.FromMinutes(1));
        var phone = await sessions.StartAsync(user, "Safari on iPhone", CancellationToken.None);
        await sessions.StartAsync(stranger, "Chrome on Windows", CancellationToken.None);

        var listed = await sessions.ListAsync(user, laptop.SessionId, new PageRequest(10, 0), CancellationToken.None);

        Assert.Equal(2, listed.Total);
        Assert.Equal([phone.SessionId, laptop.SessionId], listed.Items.Select(s => s.Id));
        Assert.Equal([false, true], listed.Items.Select(s => s.Current));
        Assert.Equal("Safari on iPhone", listed.Items[0].DeviceLabel);
        var second = await sessions.ListAsync(user, null, new PageRequest(1, 1), CancellationToken.None);
        Assert.Equal(2, second.Total);
        Assert.Equal(laptop.SessionId, Assert.Single(second.Items).Id);

        Assert.False(await sessions.EndAsync(stranger, phone.SessionId, SessionEndReasons.SignedOut, CancellationToken.None));
        Assert.True(await sessions.EndAsync(user, phone.SessionId, SessionEndReasons.SignedOut, CancellationToken.None));
        Assert.False(await sessions.EndAsync(user, phone.SessionId, SessionEndReasons.SignedOut, CancellationToken.None));

        Assert.Equal(RefreshOutcome.Revoked, (await sessions.RefreshAsync(phone.RefreshToken, CancellationToken.None)).Outcome);
        Assert.Equal(laptop.SessionId, Assert.Single((await sessions.ListAsync(user, null, new PageRequest(10, 0), CancellationToken.None)).Items).Id);
        Assert.Equal([laptop.SessionId], await sessions.EndAllAsync(user, SessionEndReasons.Admin, CancellationToken.None));
        Assert.Equal(SessionEndReasons.Admin, await RevokedReasonAsync(laptop.SessionId));
    }

    [Fact]
    public async Task The_cleanup_job_deletes_sessions_ended_or_expired_longer_ago_than_the_retention_and_keeps_the_rest()
    {
        var sessions = Sessions();
        var user = await NewUserAsync();
        var expiredLongAgo = await sessions.StartAsync(user, "a", CancellationToken.None);
        var endedLongAgo = await sessions.StartAsync(user, "b", CancellationToken.None);
        await sessions.EndAsync(user, endedLongAgo.SessionId, SessionEndReasons.SignedOut, CancellationToken.None);
        _clock.Advance(TimeSpan.FromDays(29));
        var endedLately = await sessions.StartAsync(user, "c", CancellationToken.None);
        var live = await sessions.StartAsync(user, "d", CancellationToken.None);
        _clock.Advance(TimeSpan.FromDays(2));
        await sessions.EndAsync(user, endedLately.SessionId, SessionEndReasons.SignedOut, CancellationToken.None);
        // Now: "a" expired 1 day ago, "b" ended 31 days ago, "c" ended just now, "d" live.
        _clock.Advance(SignInSessionCleanupJob.Retention); // "a" expired 8 days ago; "c" ended 7 days ago exactly.
        var job = new SignInSessionCleanupJob(database.DataSource, _clock);

        await job.RunAsync(CancellationToken.None);
        var secondRun = await job.DeleteEndedAsync(CancellationToken.None);

        await using var connection = await database.DataSource.OpenConnectionAsync();
        var left = (await connection.QueryAsync<Guid>("SELECT id FROM sessions WHERE user_id = @user", new { user })).ToHashSet();
        Assert.Equal(new HashSet<Guid> { endedLately.SessionId, live.SessionId }, left);
        Assert.Equal(0, secondRun);
        Assert.Equal(0, await connection.ExecuteScalarAsync<int>(
            "SELECT count(*) FROM session_refresh_tokens WHERE session_id = ANY(@ids)", new { ids = new[] { expiredLongAgo.SessionId, endedLongAgo.SessionId } }));
    }

    [Theory]
    [InlineData("Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0", "Firefox on Linux")]
    [InlineData("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36 Edg/130.0.0.0", "Edge on Windows")]
    [InlineData("Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1", "Safari on iPhone")]
    [InlineData("Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Mobile Safari/537.36", "Chrome on Android")]
    [InlineData("Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15", "Safari on macOS")]
    [InlineData("curl/8.5.0", "curl")]
    [InlineData("\u0000\u001b[31mevil\u202e", "Other client")]
    [InlineData("", DeviceLabels.Unknown)]
    [InlineData(null, DeviceLabels.Unknown)]
    public void Device_labels_name_browser_and_system_and_never_echo_the_header(string? userAgent, string label) =>
        Assert.Equal(label, DeviceLabels.FromUserAgent(userAgent));
}
