using Dapper;
using OrleansRides.Catalog.Subscriptions;
using OrleansRides.Tests.Shared;
using OrleansRides.Tests.Shared.Mail;

namespace OrleansRides.Catalog.Tests;

/// <summary>Issue 9: "digest sent once per period with the right rides, unsubscribe stops it, unconfirmed subscriptions get
/// nothing" — the digest job against real PostgreSQL and a real SMTP server.</summary>
[Collection(CatalogCollection.Name)]
public sealed class DigestJobTests(TestDatabase database) : IAsyncLifetime
{
    // Monday 10 March 2031, 00:05 UTC: Berlin is on CET (UTC+1), Melbourne on AEDT (UTC+11).
    private static readonly DateTimeOffset Monday = new(2031, 3, 10, 0, 5, 0, TimeSpan.Zero);

    private readonly DigestFixture _digests = new(database, Monday);

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _digests.CleanUpAsync();

    [Fact]
    public async Task A_daily_digest_lists_the_matching_upcoming_rides_in_local_time_once_per_period()
    {
        var berlin = await _digests.RegionAsync("Europe/Berlin", "Berlin");
        var melbourne = await _digests.RegionAsync("Australia/Melbourne", "Melbourne");
        var elsewhere = await _digests.RegionAsync("Asia/Jakarta");
        var school = await _digests.TagAsync("School run");
        var night = await _digests.TagAsync("Night ride");
        var kita = await _digests.RouteAsync(berlin, "Kita run", neighborhood: "Kreuzberg", tagIds: school);
        var bayside = await _digests.RouteAsync(melbourne, "Bayside school train", tagIds: school);
        var wrongTag = await _digests.RouteAsync(berlin, "Night loop", tagIds: night);
        var wrongRegion = await _digests.RouteAsync(elsewhere, "Jakarta school run", tagIds: school);
        var pending = await _digests.RouteAsync(berlin, "Unreviewed run", status: "pending", tagIds: school);

        var today = await _digests.RideAsync(kita, Monday.AddHours(6).AddMinutes(25));            // 06:30 UTC = 07:30 CET
        var tomorrowInMelbourne = await _digests.RideAsync(bayside, new DateTimeOffset(2031, 3, 10, 20, 0, 0, TimeSpan.Zero)); // 07:00 AEDT on the 11th
        var past = await _digests.RideAsync(kita, Monday.AddHours(-1));
        var cancelled = await _digests.RideAsync(await _digests.RouteAsync(berlin, "Cancelled run", tagIds: school), Monday.AddHours(3), status: "cancelled");
        var nextDay = await _digests.RideAsync(kita, Monday.AddDays(1).AddHours(6).AddMinutes(25));
        var excluded = new[]
        {
            past, cancelled, nextDay, await _digests.RideAsync(wrongTag, Monday.AddHours(5)),
            await _digests.RideAsync(wrongRegion, Monday.AddHours(5)), await _digests.RideAsync(pending, Monday.AddHours(5)),
        };
        var email = _digests.NewEmail();
        await _digests.ActiveSubscriptionAsync(email, DigestFrequency.Daily, [berlin, melbourne], [school]);

        await _digests.Job.RunAsync(default);
        await _digests.Job.RunAsync(default);

        var mails = MailSink.To(email);
        Assert.Equal(2, mails.Count); // the confirmation, then one digest however often the job runs
        var digest = mails[1];
        Assert.Equal("Bike Train daily digest: 2 upcoming rides", digest.Subject);
        Assert.Contains("Mon 10 Mar 2031, 07:30 (Europe/Berlin) — Kita run", digest.TextBody);
        Assert.Contains("Kreuzberg · Berlin · School run", digest.TextBody);
        Assert.Contains("Tue 11 Mar 2031, 07:00 (Australia/Melbourne) — Bayside school train", digest.TextBody);
        Assert.Contains($"{DigestFixture.BaseUrl}/ride.html?id={today}", digest.TextBody);
        Assert.Contains($"{DigestFixture.BaseUrl}/ride.html?id={tomorrowInMelbourne}", digest.HtmlBody);
        Assert.All(excluded, id => Assert.DoesNotContain(id.ToString(), digest.TextBody + digest.HtmlBody));

        _digests.Time.Advance(TimeSpan.FromDays(1));
        await _digests.Job.RunAsync(default);

        var next = MailSink.To(email);
        Assert.Equal(3, next.Count);
        Assert.Contains($"id={nextDay}", next[2].TextBody);
        Assert.DoesNotContain($"id={today}", next[2].TextBody);
    }

    [Fact]
    public async Task Two_runs_at_the_same_moment_send_one_digest()
    {
        var region = await _digests.RegionAsync("Australia/Melbourne");
        var route = await _digests.RouteAsync(region, "Parallel route");
        await _digests.RideAsync(route, Monday.AddHours(10));
        var email = _digests.NewEmail();
        await _digests.ActiveSubscriptionAsync(email, DigestFrequency.Monthly, [region]);
        var otherFrontend = new DigestFixture(database, Monday).Job;

        await Task.WhenAll(_digests.Job.RunAsync(default), otherFrontend.RunAsync(default), _digests.Job.RunAsync(default));

        Assert.Equal(2, MailSink.To(email).Count); // the confirmation and one digest
    }

    [Fact]
    public async Task Of_runs_that_all_found_a_period_due_only_one_claims_it()
    {
        var email = _digests.NewEmail();
        await _digests.ActiveSubscriptionAsync(email, DigestFrequency.Daily, [await _digests.RegionAsync("Europe/Berlin")]);
        var repository = new DigestRepository(database.DataSource);
        Guid id;
        await using (var connection = await database.DataSource.OpenConnectionAsync())
        {
            id = await connection.QuerySingleAsync<Guid>("SELECT id FROM subscriptions WHERE email = @email", new { email });
        }

        var claims = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ =>
            repository.ClaimAsync(id, new DateOnly(2031, 3, 10), Monday, Monday.AddMinutes(-10), maxAttempts: 2, default)));

        Assert.Equal([1], claims.Where(c => c is not null).Select(c => c!.Value));
    }

    [Fact]
    public async Task Unconfirmed_subscriptions_get_nothing_and_unsubscribing_stops_the_digests()
    {
        var region = await _digests.RegionAsync("Europe/Berlin");
        var route = await _digests.RouteAsync(region, "Commute");
        await _digests.RideAsync(route, Monday.AddHours(7));
        await _digests.RideAsync(route, Monday.AddDays(1).AddHours(7));
        var unconfirmed = _digests.NewEmail();
        var confirmed = _digests.NewEmail();
        await _digests.PendingSubscriptionAsync(unconfirmed, DigestFrequency.Daily, [region]);
        await _digests.ActiveSubscriptionAsync(confirmed, DigestFrequency.Daily, [region]);

        await _digests.Job.RunAsync(default);

        Assert.Equal("Confirm your Bike Train ride digest", MailSink.Single(unconfirmed).Subject);
        var digest = MailSink.To(confirmed)[^1];
        Assert.StartsWith("Bike Train daily digest", digest.Subject);

        var unsubscribed = await _digests.Subscriptions.UnsubscribeAsync(DigestFixture.UnsubscribeTokenOf(digest), _digests.Time.GetUtcNow(), default);
        _digests.Time.Advance(TimeSpan.FromDays(1));
        await _digests.Job.RunAsync(default);

        Assert.Equal(SubscriptionStatus.Unsubscribed, unsubscribed?.Status);
        Assert.Equal(2, MailSink.To(confirmed).Count);
        Assert.Single(MailSink.To(unconfirmed));
    }

    [Fact]
    public async Task A_digest_carries_one_click_unsubscribe_headers_and_HTML_encodes_what_came_from_the_database()
    {
        var region = await _digests.RegionAsync("Europe/Berlin", "Berlin <i>Mitte</i>");
        var route = await _digests.RouteAsync(region, "<script>alert(\"x\")</script> & Co", neighborhood: "<b>Wedding</b>");
        await _digests.RideAsync(route, Monday.AddHours(7));
        var email = _digests.NewEmail();
        await _digests.ActiveSubscriptionAsync(email, DigestFrequency.Weekly, [region]);

        await _digests.Job.RunAsync(default);

        var digest = MailSink.To(email)[^1];
        var token = DigestFixture.UnsubscribeTokenOf(digest);
        Assert.Equal($"<{DigestFixture.BaseUrl}/api/v1/subscribe/{token}/unsubscribe>", digest.Headers["List-Unsubscribe"]);
        Assert.Equal("List-Unsubscribe=One-Click", digest.Headers["List-Unsubscribe-Post"]);
        Assert.Contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Co", digest.HtmlBody);
        Assert.Contains("&lt;b&gt;Wedding&lt;/b&gt;", digest.HtmlBody);
        Assert.Contains("Berlin &lt;i&gt;Mitte&lt;/i&gt;", digest.HtmlBody);
        Assert.DoesNotContain("<script>", digest.HtmlBody);
        Assert.DoesNotContain("<b>", digest.HtmlBody);
        Assert.Contains("<script>alert(\"x\")</script> & Co", digest.TextBody);
        Assert.Equal(email, (await _digests.Subscriptions.FindAsync(token, default))?.Email);
    }

    [Fact]
    public async Task A_period_without_matching_rides_sends_nothing_and_is_settled_until_the_next_period()
    {
        var region = await _digests.RegionAsync("Europe/Berlin");
        var route = await _digests.RouteAsync(region, "Quiet route");
        var email = _digests.NewEmail();
        await _digests.ActiveSubscriptionAsync(email, DigestFrequency.Daily, [region]);

        await _digests.Job.RunAsync(default);
        await _digests.RideAsync(route, Monday.AddHours(20));
        await _digests.RideAsync(route, Monday.AddDays(1).AddHours(7));
        await _digests.Job.RunAsync(default);

        Assert.Single(MailSink.To(email));
        Assert.Equal("empty", await DeliveryStatusAsync(email, new DateOnly(2031, 3, 10)));

        _digests.Time.Advance(TimeSpan.FromDays(1));
        await _digests.Job.RunAsync(default);

        Assert.Equal(2, MailSink.To(email).Count);
        Assert.Equal("sent", await DeliveryStatusAsync(email, new DateOnly(2031, 3, 11)));
    }

    [Fact]
    public async Task A_claim_left_by_a_crash_is_retried_once_it_is_stale_and_never_a_second_time()
    {
        var region = await _digests.RegionAsync("Europe/Berlin");
        var route = await _digests.RouteAsync(region, "Crashy route");
        await _digests.RideAsync(route, Monday.AddHours(9));
        var email = _digests.NewEmail();
        await _digests.ActiveSubscriptionAsync(email, DigestFrequency.Daily, [region]);
        // A run claimed the period and died: whether it sent is unknown.
        await ExecuteAsync(
            """
            INSERT INTO digest_deliveries (subscription_id, period_start, status, attempts, claimed_at)
            SELECT id, '2031-03-10', 'sending', 1, @now FROM subscriptions WHERE email = @email
            """, new { email, now = Monday.UtcDateTime });

        await _digests.Job.RunAsync(default);
        Assert.Single(MailSink.To(email)); // the claim is fresh: another run may still be sending

        _digests.Time.Advance(TimeSpan.FromMinutes(11));
        await _digests.Job.RunAsync(default);
        Assert.Equal(2, MailSink.To(email).Count);

        // And that run died before recording as well: attempts are used up, so no third send.
        await ExecuteAsync("UPDATE digest_deliveries d SET status = 'sending' FROM subscriptions s WHERE s.id = d.subscription_id AND s.email = @email", new { email });
        _digests.Time.Advance(TimeSpan.FromMinutes(11));
        await _digests.Job.RunAsync(default);
        Assert.Equal(2, MailSink.To(email).Count);
    }

    [Fact]
    public async Task Each_address_gets_at_most_three_confirmation_mails_a_day()
    {
        var email = _digests.NewEmail();
        for (var i = 0; i < 3; i++)
        {
            Assert.NotNull((await _digests.Service.SubscribeAsync(email, DigestFrequency.Weekly, [], [], default)).Token);
        }

        _digests.Time.Advance(TimeSpan.FromHours(2));
        var refused = await _digests.Service.SubscribeAsync(email, DigestFrequency.Weekly, [], [], default);
        _digests.Time.Advance(TimeSpan.FromHours(22));
        var later = await _digests.Service.SubscribeAsync(email, DigestFrequency.Weekly, [], [], default);

        Assert.Null(refused.Token);
        Assert.Equal(TimeSpan.FromHours(22), refused.RetryAfter);
        Assert.NotNull(later.Token);
        Assert.Equal(4, MailSink.To(email).Count);
    }

    [Fact]
    public async Task Pending_subscriptions_whose_confirmation_expired_are_erased_and_cannot_be_confirmed()
    {
        var email = _digests.NewEmail();
        var token = await _digests.PendingSubscriptionAsync(email, DigestFrequency.Monthly, []);
        var confirmToken = DigestFixture.ConfirmTokenOf(MailSink.Single(email));

        _digests.Time.Advance(TimeSpan.FromDays(7) + TimeSpan.FromMinutes(1));
        var now = _digests.Time.GetUtcNow();
        var lateConfirmation = await _digests.Subscriptions.ConfirmAsync(confirmToken, now, now - _digests.Options.Value.ConfirmationLifetime, default);
        await _digests.Job.RunAsync(default);

        Assert.Null(lateConfirmation);
        Assert.Null(await _digests.Subscriptions.FindAsync(token, default));
    }

    private async Task<string?> DeliveryStatusAsync(string email, DateOnly period)
    {
        await using var connection = await database.DataSource.OpenConnectionAsync();
        return await connection.QuerySingleOrDefaultAsync<string>(
            "SELECT d.status FROM digest_deliveries d JOIN subscriptions s ON s.id = d.subscription_id WHERE s.email = @email AND d.period_start = @period::date",
            new { email, period = period.ToDateTime(TimeOnly.MinValue) });
    }

    private async Task ExecuteAsync(string sql, object parameters)
    {
        await using var connection = await database.DataSource.OpenConnectionAsync();
        await connection.ExecuteAsync(sql, parameters);
    }
}
