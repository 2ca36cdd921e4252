using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using OrleansRides.FrontendHost.Site;
using OrleansRides.Runtime.Topics;
using OrleansRides.Tests.Shared;
using static OrleansRides.FrontendHost.Tests.Accounts;
using static OrleansRides.FrontendHost.Tests.CatalogCalls;
using static OrleansRides.FrontendHost.Tests.SiteCalls;

namespace OrleansRides.FrontendHost.Tests;

/// <summary>Issue 10: the site's anonymous reads are cached, and a write is visible through the cache at once; an eviction
/// that arrives on the topic bus (from another frontend) evicts here too.</summary>
[Collection(FrontendCollection.Name)]
public sealed class SiteCacheTests(TestDatabase database) : FrontendTest(database, Frontend())
{
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await ClearOwnDaysAsync(Database.DataSource);
    }

    public override async Task DisposeAsync()
    {
        await ClearOwnDaysAsync(Database.DataSource);
        await base.DisposeAsync();
    }

    private async Task<string> AnonymousAsync(string path) => await (await CallAsync(Client, HttpMethod.Get, path, null)).Content.ReadAsStringAsync();

    private async Task<Guid> InsertAnnouncementBehindTheCacheAsync(string text)
    {
        var id = Guid.NewGuid();
        await using var connection = await Database.DataSource.OpenConnectionAsync();
        await connection.ExecuteAsync("INSERT INTO announcements (id, text, visible_from) VALUES (@id, @text, now() - interval '1 minute')", new { id, text });
        return id;
    }

    [Fact]
    public async Task An_announcement_written_through_the_API_shows_on_the_cached_homepage_and_list_at_once()
    {
        var admin = await AdminTokenAsync(Client);
        var sneaked = Unique("sneaked");
        await AnonymousAsync("/api/v1/homepage");
        await AnonymousAsync("/api/v1/announcements");
        await InsertAnnouncementBehindTheCacheAsync(sneaked);

        Assert.DoesNotContain(sneaked, await AnonymousAsync("/api/v1/homepage")); // served from the cache
        Assert.DoesNotContain(sneaked, await AnonymousAsync("/api/v1/announcements"));

        var text = Unique("announced");
        await CreateAnnouncementAsync(Client, admin, text);

        Assert.Contains(text, await AnonymousAsync("/api/v1/homepage"));
        Assert.Contains(text, await AnonymousAsync("/api/v1/announcements"));
    }

    [Fact]
    public async Task Page_and_programme_writes_show_through_the_cache_at_once()
    {
        var admin = await AdminTokenAsync(Client);
        var slug = await CreatePageAsync(Client, admin);
        Assert.Contains("<p>Text</p>", await AnonymousAsync($"/api/v1/pages/{slug}"));
        await AnonymousAsync("/api/v1/programs/schedule");
        await AnonymousAsync("/api/v1/programs");

        await DataAsync(Client, HttpMethod.Put, $"/api/v1/pages/{slug}", admin, """{"content":"<p>Changed</p>"}""", 200);
        var program = await CreateProgramAsync(Client, admin, """[{"dayOfWeek":4,"start":"07:00","end":"08:00"}]""");

        Assert.Contains("<p>Changed</p>", await AnonymousAsync($"/api/v1/pages/{slug}"));
        Assert.Contains(program.ToString(), await AnonymousAsync("/api/v1/programs/schedule"));
        Assert.Contains(program.ToString(), await AnonymousAsync("/api/v1/programs"));
        await DataAsync(Client, HttpMethod.Delete, $"/api/v1/pages/{slug}", admin, null, 204);
        Assert.Equal("404 PAGE_NOT_FOUND", await OutcomeAsync(await CallAsync(Client, HttpMethod.Get, $"/api/v1/pages/{slug}", null)));
    }

    [Fact]
    public async Task An_eviction_published_on_the_bus_by_another_frontend_evicts_here()
    {
        await AnonymousAsync("/api/v1/homepage");
        var sneaked = Unique("from-elsewhere");
        await InsertAnnouncementBehindTheCacheAsync(sneaked);
        Assert.DoesNotContain(sneaked, await AnonymousAsync("/api/v1/homepage"));

        await Factory.Services.GetRequiredService<ITopicPublisher>().PublishAsync(SiteCache.Topic, new SiteCacheEvicted([SiteCacheTags.Homepage], Guid.NewGuid()));

        await Eventually.TrueAsync(async () => (await AnonymousAsync("/api/v1/homepage")).Contains(sneaked, StringComparison.Ordinal),
            "the homepage shows the announcement after the bus eviction");
    }

    [Fact]
    public async Task The_homepage_has_every_part_of_the_front_page()
    {
        var admin = await AdminTokenAsync(Client);
        var authorId = (await SignUpAsync(Client)).Id;
        var slug = Unique("berita");
        var quote = Unique("Radio terbaik");
        await using (var connection = await Database.DataSource.OpenConnectionAsync())
        {
            await connection.ExecuteAsync(
                """
                INSERT INTO articles (id, slug, title, excerpt, content, content_text, status, author_id, published_at)
                VALUES (@id, @slug, 'Berita', 'Ringkas', '<p>Isi</p>', 'Isi', 'published', @authorId, now() + interval '1 hour');
                INSERT INTO testimonials (id, name, text, status, created_at) VALUES (@tid, 'Ani', @quote, 'approved', now() + interval '1 hour');
                """, new { id = Guid.NewGuid(), slug, authorId, tid = Guid.NewGuid(), quote });
        }
        await CreateAnnouncementAsync(Client, admin, "Selamat datang");

        JsonElement homepage;
        try
        {
            homepage = await DataAsync(Client, HttpMethod.Get, "/api/v1/homepage", null, null, 200);
        }
        finally
        {
            // Dated an hour ahead to be first here; gone at once so that no other test's "newest" list sees them.
            await using var connection = await Database.DataSource.OpenConnectionAsync();
            await connection.ExecuteAsync("DELETE FROM articles WHERE slug = @slug; DELETE FROM testimonials WHERE text = @quote", new { slug, quote });
        }

        Assert.Equal(["latestArticles", "today", "onAirNow", "next", "announcements", "testimonials", "liveChat"],
            homepage.EnumerateObject().Select(p => p.Name));
        var article = homepage.GetProperty("latestArticles")[0];
        Assert.Equal((slug, "published", "Tess Ter"), (article.GetProperty("slug").GetString(), article.GetProperty("status").GetString(),
            article.GetProperty("author").GetProperty("name").GetString()));
        Assert.Equal(JsonValueKind.Null, article.GetProperty("category").ValueKind);
        Assert.True(homepage.GetProperty("latestArticles").GetArrayLength() <= 6);
        Assert.Equal(quote, homepage.GetProperty("testimonials")[0].GetProperty("text").GetString());
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}$", homepage.GetProperty("today").GetProperty("date").GetString());
        Assert.Equal(JsonValueKind.Array, homepage.GetProperty("today").GetProperty("slots").ValueKind);
        Assert.Contains(homepage.GetProperty("announcements").EnumerateArray(), a => a.GetProperty("text").GetString() == "Selamat datang");
        Assert.Equal("radio/live", homepage.GetProperty("liveChat").GetProperty("room").GetString());
        Assert.Equal(0, homepage.GetProperty("liveChat").GetProperty("listenerCount").GetInt32());
    }

    [Fact]
    public async Task Now_and_the_schedule_show_a_programme_on_air_in_the_station_zone()
    {
        var admin = await AdminTokenAsync(Client);
        // A slot around now in Jakarta, on one of these tests' own days, or the test has nothing to say today.
        var jakarta = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(7));
        var day = (int)jakarta.DayOfWeek is 0 ? 7 : (int)jakarta.DayOfWeek;
        if (!OwnDays.Contains((short)day) || jakarta.Hour is 0 or 23)
        {
            return;
        }
        var program = await CreateProgramAsync(Client, admin,
            $$"""[{"dayOfWeek":{{day}},"start":"{{jakarta.AddHours(-1):HH}}:00","end":"{{jakarta.AddHours(1):HH}}:00"}]""");

        var now = await DataAsync(Client, HttpMethod.Get, "/api/v1/programs/now", admin, null, 200);
        var schedule = await DataAsync(Client, HttpMethod.Get, "/api/v1/programs/schedule", admin, null, 200);

        Assert.Equal("Asia/Jakarta", now.GetProperty("timeZone").GetString());
        Assert.Equal(program, now.GetProperty("now").GetProperty("programId").GetGuid());
        Assert.Contains(schedule.GetProperty("slots").EnumerateArray(), s => s.GetProperty("programId").GetGuid() == program);
    }
}
