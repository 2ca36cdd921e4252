using OrleansRides.Catalog.Interest;
using OrleansRides.Tests.Shared;

namespace OrleansRides.Catalog.Tests;

[Collection(CatalogCollection.Name)]
public sealed class InterestTests(TestDatabase database)
{
    private readonly ManualTimeProvider _clock = new();

    private InterestRepository Interest => new(database.DataSource, _clock);

    private Task<Guid> RideAsync(TimeSpan startsIn, string status = "scheduled") =>
        SqlCatalogRows.InsertRideAsync(database.DataSource, _clock.GetUtcNow() + startsIn, status);

    private async Task<Guid[]> SessionsAsync(int count)
    {
        var sessions = new Guid[count];
        for (var i = 0; i < count; i++)
        {
            sessions[i] = await SqlCatalogRows.InsertSessionAsync(database.DataSource, _clock.GetUtcNow().AddDays(30));
        }
        return sessions;
    }

    [Fact]
    public async Task Two_hundred_concurrent_sessions_saying_they_come_leave_an_exact_count_of_200()
    {
        var ride = await RideAsync(TimeSpan.FromDays(1));
        var sessions = await SessionsAsync(200);

        var changes = await Task.WhenAll(sessions.Select(s => Interest.AddAsync(ride, s, CancellationToken.None)));

        Assert.All(changes, c => Assert.Equal(InterestOutcome.Done, c.Outcome));
        Assert.All(changes, c => Assert.InRange(c.InterestCount, 1, 200));
        Assert.Equal(200, await Interest.CountAsync(ride, CancellationToken.None));
    }

    [Fact]
    public async Task Two_hundred_concurrent_toggles_half_on_half_off_leave_exactly_the_sessions_that_said_yes()
    {
        var ride = await RideAsync(TimeSpan.FromDays(1));
        var sessions = await SessionsAsync(200);
        foreach (var leaving in sessions[..100])
        {
            await Interest.AddAsync(ride, leaving, CancellationToken.None);
        }

        var changes = await Task.WhenAll(sessions.Select((s, i) => i < 100
            ? Interest.RemoveAsync(ride, s, CancellationToken.None)
            : Interest.AddAsync(ride, s, CancellationToken.None)));

        Assert.All(changes, c => Assert.Equal(InterestOutcome.Done, c.Outcome));
        Assert.Equal(100, await Interest.CountAsync(ride, CancellationToken.None));
    }

    [Fact]
    public async Task The_same_session_twice_even_at_once_counts_once_and_removing_twice_is_fine()
    {
        var ride = await RideAsync(TimeSpan.FromDays(1));
        var session = (await SessionsAsync(1))[0];

        await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => Interest.AddAsync(ride, session, CancellationToken.None)));
        var again = await Interest.AddAsync(ride, session, CancellationToken.None);
        var removed = await Interest.RemoveAsync(ride, session, CancellationToken.None);
        var removedAgain = await Interest.RemoveAsync(ride, session, CancellationToken.None);

        Assert.Equal(new InterestChange(InterestOutcome.Done, 1), again);
        Assert.Equal(new InterestChange(InterestOutcome.Done, 0), removed);
        Assert.Equal(new InterestChange(InterestOutcome.Done, 0), removedAgain);
    }

    [Theory]
    [InlineData("cancelled", 1)]
    [InlineData("completed", -1)]
    [InlineData("scheduled", -1)]
    [InlineData("live", -1)]
    public async Task Cancelled_completed_and_started_rides_are_not_open_either_way(string status, int startsInHours)
    {
        var ride = await RideAsync(TimeSpan.FromHours(startsInHours), status);
        var session = (await SessionsAsync(1))[0];

        Assert.Equal(InterestOutcome.RideNotOpen, (await Interest.AddAsync(ride, session, CancellationToken.None)).Outcome);
        Assert.Equal(InterestOutcome.RideNotOpen, (await Interest.RemoveAsync(ride, session, CancellationToken.None)).Outcome);
    }

    [Fact]
    public async Task A_ride_closes_when_its_start_passes_by_the_injected_clock()
    {
        var ride = await RideAsync(TimeSpan.FromMinutes(10));
        var sessions = await SessionsAsync(2);

        var before = await Interest.AddAsync(ride, sessions[0], CancellationToken.None);
        _clock.Advance(TimeSpan.FromMinutes(10) + TimeSpan.FromTicks(10));
        var after = await Interest.AddAsync(ride, sessions[1], CancellationToken.None);

        Assert.Equal(InterestOutcome.Done, before.Outcome);
        Assert.Equal(InterestOutcome.RideNotOpen, after.Outcome);
        Assert.Equal(1, await Interest.CountAsync(ride, CancellationToken.None));
    }

    [Fact]
    public async Task Unknown_rides_and_unknown_or_expired_sessions_are_told_apart()
    {
        var ride = await RideAsync(TimeSpan.FromDays(1));
        var expired = await SqlCatalogRows.InsertSessionAsync(database.DataSource, _clock.GetUtcNow().AddSeconds(-1));
        var session = (await SessionsAsync(1))[0];

        Assert.Equal(InterestOutcome.RideNotFound, (await Interest.AddAsync(Guid.NewGuid(), session, CancellationToken.None)).Outcome);
        Assert.Equal(InterestOutcome.SessionNotFound, (await Interest.AddAsync(ride, Guid.NewGuid(), CancellationToken.None)).Outcome);
        Assert.Equal(InterestOutcome.SessionNotFound, (await Interest.AddAsync(ride, expired, CancellationToken.None)).Outcome);
        Assert.Equal(InterestOutcome.SessionNotFound, (await Interest.RemoveAsync(ride, expired, CancellationToken.None)).Outcome);
        Assert.Equal(0, await Interest.CountAsync(ride, CancellationToken.None));
    }
}
