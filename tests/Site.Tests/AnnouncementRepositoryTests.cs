using OrleansRides.Catalog;
using OrleansRides.Site.Announcements;
using OrleansRides.Tests.Shared;

namespace OrleansRides.Site.Tests;

[Collection(SiteCollection.Name)]
public sealed class AnnouncementRepositoryTests(TestDatabase database)
{
    private readonly AnnouncementRepository _announcements = new(database.DataSource);

    // A window far from now and from other tests' (each test its own year), so only this test's rows are in it.
    private static DateTimeOffset Year(int year) => new(year, 6, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task An_announcement_shows_from_its_start_until_just_before_its_end()
    {
        var from = Year(2101);
        var shown = await _announcements.CreateAsync(new AnnouncementRequest("Konser amal", "https://example.org/konser", from, from.AddDays(1)), null, from, default);

        async Task<bool> VisibleAt(DateTimeOffset now) => (await _announcements.ListCurrentAsync(now, 50, default)).Any(a => a.Id == shown.Id);

        Assert.False(await VisibleAt(from.AddTicks(-10)));
        Assert.True(await VisibleAt(from));
        Assert.True(await VisibleAt(from.AddDays(1).AddTicks(-10)));
        Assert.False(await VisibleAt(from.AddDays(1)));
    }

    [Fact]
    public async Task Current_announcements_come_newest_first_and_open_ended_ones_stay()
    {
        var now = Year(2102);
        var older = await _announcements.CreateAsync(new AnnouncementRequest("Older", null, now.AddDays(-2), null), null, now, default);
        var newer = await _announcements.CreateAsync(new AnnouncementRequest("Newer", null, now.AddDays(-1), null), null, now, default);

        var current = (await _announcements.ListCurrentAsync(now, 50, default)).Select(a => a.Id).ToList();

        Assert.True(current.IndexOf(newer.Id) < current.IndexOf(older.Id) && current.IndexOf(newer.Id) >= 0);
        Assert.Contains(older.Id, (await _announcements.ListAllAsync(default)).Select(a => a.Id));
    }

    [Fact]
    public async Task An_update_changes_only_what_it_gives_and_refuses_an_end_before_the_stored_start()
    {
        var from = Year(2103);
        var announcement = await _announcements.CreateAsync(new AnnouncementRequest("Text", "https://example.org", from, null), null, from, default);

        var changed = await _announcements.UpdateAsync(announcement.Id, new AnnouncementRequest("New text", null, null, from.AddHours(1)), default);
        var reversed = await _announcements.UpdateAsync(announcement.Id, new AnnouncementRequest(null, null, null, from.AddHours(-1)), default);

        Assert.Equal(announcement with { Text = "New text", VisibleUntil = from.AddHours(1) }, changed.Value);
        Assert.Equal(WriteFailure.InUse, reversed.Failure);
        Assert.Equal(WriteFailure.NotFound, (await _announcements.UpdateAsync(Guid.NewGuid(), new AnnouncementRequest("x", null, null, null), default)).Failure);
        Assert.True(await _announcements.DeleteAsync(announcement.Id, default));
        Assert.Null(await _announcements.FindAsync(announcement.Id, default));
    }

    [Theory]
    [InlineData("javascript:alert(1)")]
    [InlineData("data:text/html,<script>")]
    [InlineData("/relative")]
    [InlineData("ftp://example.org/file")]
    [InlineData("https://exa\u0000mple.org")]
    public void A_link_must_be_an_absolute_http_url(string link)
    {
        Assert.Contains(new AnnouncementValidator(isCreate: true).Validate(new AnnouncementRequest("Text", link, null, null)).Errors,
            e => e.PropertyName == "Link");
    }
}
