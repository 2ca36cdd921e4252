using Dapper;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using OrleansRides.Catalog.Subscriptions;
using OrleansRides.Catalog.Subscriptions.Mail;
using OrleansRides.GrainInterfaces.Rides;
using OrleansRides.Tests.Shared;
using OrleansRides.Tests.Shared.Mail;

namespace OrleansRides.Catalog.Tests;

/// <summary>A digest job wired as the frontend wires it — real PostgreSQL, SMTP to the sink of <c>./test</c> — on a
/// manual clock, with helpers that insert catalog rows with SQL. Regions and tags are made per test, so rides other
/// tests insert never match this test's subscriptions.</summary>
public sealed class DigestFixture
{
    public const string BaseUrl = "https://rides.example.test";

    public DigestFixture(TestDatabase database, DateTimeOffset now)
    {
        MailSink.EnsureRunning();
        Database = database;
        Time = new ManualTimeProvider(now);
        var smtp = Microsoft.Extensions.Options.Options.Create(new SmtpOptions { Host = "127.0.0.1", Port = MailSink.Port, From = "Bike Train <digests@rides.example.test>" });
        Options = Microsoft.Extensions.Options.Options.Create(new SubscriptionOptions { PublicBaseUrl = BaseUrl });
        Subscriptions = new SubscriptionRepository(database.DataSource);
        var links = new SubscriptionLinks(Options);
        Job = new DigestJob(new DigestRepository(database.DataSource), Subscriptions, new DigestMail(links), new SmtpMailSender(smtp), Time,
            Options, NullLogger<DigestJob>.Instance);
        Service = new SubscriptionService(Subscriptions, new ConfirmationMail(links), new SmtpMailSender(smtp), Time, Options,
            NullLogger<SubscriptionService>.Instance);
    }

    public TestDatabase Database { get; }

    public ManualTimeProvider Time { get; }

    public IOptions<SubscriptionOptions> Options { get; }

    public SubscriptionRepository Subscriptions { get; }

    public DigestJob Job { get; }

    public SubscriptionService Service { get; }

    private readonly List<string> _emails = [];

    /// <summary>A fresh address, whose subscriptions <see cref="CleanUpAsync"/> erases.</summary>
    public string NewEmail()
    {
        var email = $"digest-{Guid.NewGuid():N}@example.test";
        _emails.Add(email);
        return email;
    }

    /// <summary>Erases this test's subscriptions, so that later digest runs (of any test) never mail them again.</summary>
    public async Task CleanUpAsync()
    {
        await using var connection = await Database.DataSource.OpenConnectionAsync();
        await connection.ExecuteAsync("DELETE FROM subscriptions WHERE email = ANY(@emails)", new { emails = _emails.ToArray() });
    }

    public async Task<Guid> RegionAsync(string timeZone, string name = "Testville")
    {
        var id = Guid.CreateVersion7();
        await using var connection = await Database.DataSource.OpenConnectionAsync();
        await connection.ExecuteAsync(
            "INSERT INTO regions (id, name, slug, time_zone, center_lat, center_lng) VALUES (@id, @name, @slug, @timeZone, 0, 0)",
            new { id, name, slug = $"test-{id:N}", timeZone });
        return id;
    }

    public async Task<Guid> TagAsync(string name)
    {
        var id = Guid.CreateVersion7();
        await using var connection = await Database.DataSource.OpenConnectionAsync();
        await connection.ExecuteAsync("INSERT INTO tags (id, name, slug) VALUES (@id, @name, @slug)", new { id, name, slug = $"test-{id:N}" });
        return id;
    }

    /// <summary>A route in <paramref name="regionId"/> with <paramref name="tagIds"/>, of status <paramref name="status"/>.</summary>
    public async Task<Guid> RouteAsync(Guid regionId, string name, string status = "approved", string? neighborhood = null, params Guid[] tagIds)
    {
        var id = Guid.CreateVersion7();
        await using var connection = await Database.DataSource.OpenConnectionAsync();
        await connection.ExecuteAsync(
            """
            INSERT INTO routes (id, name, access_code, leader_key_hash, waypoints, departure_time, region_id, neighborhood, status)
            VALUES (@id, @name, @code, @hash, '[]', '07:30', @regionId, @neighborhood, @status);
            INSERT INTO route_tags (route_id, tag_id) SELECT @id, unnest(@tagIds);
            """,
            new { id, name, code = AccessCodes.Generate(), hash = LeaderKeys.Hash(LeaderKeys.Generate()), regionId, neighborhood, status, tagIds });
        return id;
    }

    /// <summary>A ride of <paramref name="routeId"/> starting at <paramref name="start"/> (UTC), an hour long.</summary>
    public async Task<Guid> RideAsync(Guid routeId, DateTimeOffset start, string status = "scheduled")
    {
        var id = Guid.CreateVersion7();
        await using var connection = await Database.DataSource.OpenConnectionAsync();
        await connection.ExecuteAsync(
            """
            INSERT INTO rides (id, route_id, local_date, start_time, end_time, status)
            VALUES (@id, @routeId, @localDate::date, @start, @end, @status)
            """,
            new { id, routeId, localDate = start.UtcDateTime.Date, start = start.UtcDateTime, end = start.AddHours(1).UtcDateTime, status });
        return id;
    }

    /// <summary>A subscription made through the service and confirmed with the token of its confirmation mail, as its
    /// owner would; returns the manage token.</summary>
    public async Task<string> ActiveSubscriptionAsync(string email, DigestFrequency frequency, Guid[] regionIds, Guid[]? tagIds = null)
    {
        var token = await PendingSubscriptionAsync(email, frequency, regionIds, tagIds);
        var confirmed = await Subscriptions.ConfirmAsync(ConfirmTokenOf(MailSink.Single(email)), Time.GetUtcNow(), Time.GetUtcNow().AddDays(-7), default);
        Assert.Equal(SubscriptionStatus.Active, confirmed?.Status);
        return token;
    }

    public async Task<string> PendingSubscriptionAsync(string email, DigestFrequency frequency, Guid[] regionIds, Guid[]? tagIds = null)
    {
        var outcome = await Service.SubscribeAsync(email, frequency, regionIds, tagIds ?? [], default);
        return outcome.Token ?? throw new InvalidOperationException($"subscribe failed: {outcome}");
    }

    /// <summary>The confirmation token in a confirmation mail's link (<c>/subscription.html?confirm=…</c>).</summary>
    public static string ConfirmTokenOf(MimeKit.MimeMessage mail) => TokenAfter(mail.TextBody ?? "", "?confirm=");

    /// <summary>The token in a digest's one-click <c>List-Unsubscribe</c> URL.</summary>
    public static string UnsubscribeTokenOf(MimeKit.MimeMessage mail)
    {
        var header = mail.Headers["List-Unsubscribe"] ?? "";
        var path = new Uri(header.Trim('<', '>')).AbsolutePath;
        return path.Split('/')[^2];
    }

    private static string TokenAfter(string text, string marker)
    {
        var start = text.IndexOf(marker, StringComparison.Ordinal) + marker.Length;
        return text.Substring(start, SubscriptionTokens.Length);
    }
}
