using Dapper;
using OrleansRides.GrainInterfaces.Chat;
using OrleansRides.GrainInterfaces.Studio;
using OrleansRides.Tests.Shared;

namespace OrleansRides.Grains.Tests;

[Collection(PostgresCollection.Name)]
public sealed class StudioGrainTests(TestDatabase database) : IAsyncLifetime
{
    private readonly ManualTimeProvider _clock = new();
    // A studio key of its own, so its topic carries only this test's events.
    private readonly string _studio = $"studio-{Guid.NewGuid():N}";
    private TestGrainHost _host = null!;

    private IStudioGrain Studio => _host.Grains.GetGrain<IStudioGrain>(_studio);

    public async Task InitializeAsync()
    {
        await using var connection = await database.DataSource.OpenConnectionAsync();
        await connection.ExecuteAsync("UPDATE song_requests SET status = 'rejected' WHERE status = 'pending'");
        _host = TestGrainHost.Start(database.DataSource, _clock, runtime => runtime.AddChatGrains());
        await _host.SubscribeAsync(StudioTopics.For(_studio));
        await _host.SubscribeAsync(ChatTopics.Session("s-requester"));
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private SongRequest NewRequest(string title) => new(Guid.NewGuid(), title, "Artist", "Ann", "for Bob", "s-requester",
        SongRequestStatus.Pending, null, _clock.GetUtcNow(), null);

    [Fact]
    public async Task A_request_is_saved_announced_and_pending_until_a_dj_approves_it()
    {
        var request = await Studio.Submit(NewRequest("Song A"));
        var announced = await _host.WaitForAsync<NewSongRequest>();

        var approved = await Studio.Approve(request.Id, "dj-1");

        Assert.Equal(request.Id, announced.Request.Id);
        Assert.Equal(SongRequestStatus.Approved, approved.Status);
        Assert.Empty(await Studio.GetPending());
        // Once on the studio topic (DJs), once on the requester's session topic.
        await Eventually.TrueAsync(() => _host.Events.OfType<RequestApproved>().Count() == 2, "the approval reaches DJs and the requester");
        await using var connection = await database.DataSource.OpenConnectionAsync();
        Assert.Equal("approved", await connection.ExecuteScalarAsync<string>("SELECT status FROM song_requests WHERE id = @Id", new { request.Id }));
    }

    [Fact]
    public async Task A_decided_or_unknown_request_is_REQUEST_NOT_FOUND()
    {
        var request = await Studio.Submit(NewRequest("Song B"));
        var rejected = await Studio.Reject(request.Id, "not tonight", "dj-1");

        var twice = await Assert.ThrowsAsync<StudioException>(() => Studio.Approve(request.Id, "dj-2"));
        var unknown = await Assert.ThrowsAsync<StudioException>(() => Studio.Reject(Guid.NewGuid(), null, "dj-2"));

        Assert.Equal("not tonight", rejected.Reason);
        Assert.Equal(StudioErrorCodes.RequestNotFound, twice.Code);
        Assert.Equal(StudioErrorCodes.RequestNotFound, unknown.Code);
    }

    [Fact]
    public async Task Pending_requests_survive_a_reactivation_in_arrival_order()
    {
        var first = await Studio.Submit(NewRequest("First"));
        _clock.Advance(TimeSpan.FromSeconds(1));
        var second = await Studio.Submit(NewRequest("Second"));

        await _host.DeactivateAllAsync();

        Assert.Equal([first.Id, second.Id], (await Studio.GetPending()).Select(r => r.Id));
    }
}
