using Dapper;
using OrleansRides.GrainInterfaces.Studio;
using OrleansRides.Site.StaffQueues;
using OrleansRides.Tests.Shared;

namespace OrleansRides.Site.Tests;

/// <summary>Issue 10: staff list prayer requests and past song requests, paged, newest first; song requests by status.</summary>
[Collection(SiteCollection.Name)]
public sealed class StaffQueueTests(TestDatabase database)
{
    private readonly StaffQueueRepository _queues = new(database.DataSource);

    private async Task<Guid> PrayAsync(string request)
    {
        var id = Guid.CreateVersion7();
        await using var connection = await database.DataSource.OpenConnectionAsync();
        await connection.ExecuteAsync("INSERT INTO prayer_requests (id, name, request, contact) VALUES (@id, 'Ann', @request, 'ann@example.org')",
            new { id, request });
        return id;
    }

    private async Task<Guid> RequestSongAsync(string title, string status)
    {
        var id = Guid.CreateVersion7();
        await using var connection = await database.DataSource.OpenConnectionAsync();
        await connection.ExecuteAsync(
            """
            INSERT INTO song_requests (id, title, requester_name, session_id, status, reason, requested_at, decided_at)
            VALUES (@id, @title, 'Ann', 'session-secret', @status, CASE WHEN @status = 'rejected' THEN 'Not tonight' END, clock_timestamp(),
                    CASE WHEN @status <> 'pending' THEN clock_timestamp() END)
            """, new { id, title, status });
        return id;
    }

    [Fact]
    public async Task Prayer_requests_list_newest_first()
    {
        var ids = new[] { await PrayAsync("Untuk keluarga"), await PrayAsync("Untuk kesembuhan"), await PrayAsync("Untuk pekerjaan") };

        var page = await _queues.ListPrayerRequestsAsync(new PageQuery(1, 50), CancellationToken.None);

        Assert.Equal(ids.Reverse(), page.Items.Select(p => p.Id).Where(ids.Contains));
        Assert.True(page.Items.Zip(page.Items.Skip(1)).All(pair => pair.First.RequestedAt >= pair.Second.RequestedAt));
        var mine = page.Items.Single(p => p.Id == ids[0]);
        Assert.Equal(("Ann", "Untuk keluarga", "ann@example.org"), (mine.Name, mine.Request, mine.Contact));
    }

    [Fact]
    public async Task Song_requests_list_newest_first_filtered_by_status()
    {
        var pending = await RequestSongAsync("Amazing Grace", "pending");
        var approved = await RequestSongAsync("How Great Thou Art", "approved");
        var rejected = await RequestSongAsync("Bapa Engkau Sungguh Baik", "rejected");
        Guid[] ids = [pending, approved, rejected];

        var all = await _queues.ListSongRequestsAsync(null, new PageQuery(1, 50), CancellationToken.None);
        var onlyRejected = await _queues.ListSongRequestsAsync(SongRequestStatus.Rejected, new PageQuery(1, 50), CancellationToken.None);

        Assert.Equal([rejected, approved, pending], all.Items.Select(s => s.Id).Where(ids.Contains));
        Assert.Equal([rejected], onlyRejected.Items.Select(s => s.Id).Where(ids.Contains));
        Assert.All(onlyRejected.Items, s => Assert.Equal(SongRequestStatus.Rejected, s.Status));
        var entry = onlyRejected.Items.Single(s => s.Id == rejected);
        Assert.Equal(("Not tonight", true), (entry.Reason, entry.DecidedAt >= entry.RequestedAt));
        Assert.True(onlyRejected.Pagination.Total < all.Pagination.Total);
    }

    [Fact]
    public async Task Pages_past_the_end_are_empty_and_say_so()
    {
        await RequestSongAsync("Halaman", "pending");

        var first = await _queues.ListSongRequestsAsync(SongRequestStatus.Pending, new PageQuery(1, 1), CancellationToken.None);
        var past = await _queues.ListPrayerRequestsAsync(new PageQuery(int.MaxValue, 50), CancellationToken.None);

        Assert.Single(first.Items);
        Assert.Equal(first.Pagination.Total, first.Pagination.TotalPages);
        Assert.Empty(past.Items);
        Assert.True(past.Pagination is { HasNext: false, HasPrev: true });
    }
}
