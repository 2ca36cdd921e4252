using Dapper;
using OrleansRides.Catalog.Rides;
using OrleansRides.Grains.Rides;
using OrleansRides.Tests.Shared;
using static OrleansRides.Catalog.Tests.CatalogRows;
using static OrleansRides.Tests.Shared.SeededCatalog;

namespace OrleansRides.Catalog.Tests;

/// <summary>The ride store links a live ride's track to the route's scheduled ride of that moment (decision 72).</summary>
[Collection(CatalogCollection.Name)]
public sealed class LiveLinkingTests(TestDatabase database)
{
    private async Task<string> CodeOfAsync(Guid route)
    {
        await using var connection = await database.DataSource.OpenConnectionAsync();
        return await connection.ExecuteScalarAsync<string>("SELECT access_code FROM routes WHERE id = @route", new { route }) ?? "";
    }

    private async Task<(string Status, Guid? TrackId)> RideAsync(Guid route, DateOnly date)
    {
        await using var connection = await database.DataSource.OpenConnectionAsync();
        return await connection.QuerySingleAsync<(string, Guid?)>(
            "SELECT status, track_id FROM rides WHERE route_id = @route AND local_date = @date::date", new { route, date = date.ToDateTime(TimeOnly.MinValue) });
    }

    [Fact]
    public async Task Starting_within_the_window_makes_that_ride_live_with_the_track_and_ending_completes_it()
    {
        var route = await RouteAsync(database.DataSource, Berlin, departure: "07:30", durationMinutes: 60);
        var rides = new RideRepository(database.DataSource);
        var schedule = (await rides.FindRouteAsync(route, CancellationToken.None))!;
        DateOnly[] dates = [new(2026, 12, 1), new(2026, 12, 2)];
        await rides.CreateAsync(schedule, dates, CancellationToken.None);
        var store = new PostgresRideStore(database.DataSource);
        var track = Guid.NewGuid();

        // 1 December 07:30 CET = 06:30 UTC; the leader starts 50 minutes early, inside [start − 1 h, end + 2 h].
        await store.StartRideAsync(track, route, await CodeOfAsync(route), new(2026, 12, 1, 5, 40, 0, TimeSpan.Zero), CancellationToken.None);

        Assert.Equal(("live", (Guid?)track), await RideAsync(route, dates[0]));
        Assert.Equal(("scheduled", (Guid?)null), await RideAsync(route, dates[1]));
        await store.EndRideAsync(track, new(2026, 12, 1, 7, 0, 0, TimeSpan.Zero), "leaderEnded", CancellationToken.None);
        Assert.Equal(("completed", (Guid?)track), await RideAsync(route, dates[0]));
    }

    [Fact]
    public async Task A_live_ride_outside_every_window_or_on_a_cancelled_date_links_nothing()
    {
        var route = await RouteAsync(database.DataSource, Berlin, departure: "07:30", durationMinutes: 60);
        var rides = new RideRepository(database.DataSource);
        var schedule = (await rides.FindRouteAsync(route, CancellationToken.None))!;
        DateOnly[] dates = [new(2026, 12, 3), new(2026, 12, 4)];
        var created = await rides.CreateAsync(schedule, dates, CancellationToken.None);
        var fourth = (await rides.OnDatesAsync(route, [dates[1]], CancellationToken.None))[0].Id;
        await rides.CancelAsync(fourth, "rain", DateTimeOffset.UtcNow, CancellationToken.None);
        var store = new PostgresRideStore(database.DataSource);

        // 3 December 10:31 UTC is past end + 2 h (07:30 + 2 h = 09:30 UTC); 4 December 06:30 UTC is the cancelled ride.
        await store.StartRideAsync(Guid.NewGuid(), route, await CodeOfAsync(route), new(2026, 12, 3, 9, 31, 0, TimeSpan.Zero), CancellationToken.None);
        await store.StartRideAsync(Guid.NewGuid(), route, await CodeOfAsync(route), new(2026, 12, 4, 6, 30, 0, TimeSpan.Zero), CancellationToken.None);

        Assert.Equal(2, created.Count);
        Assert.Equal(("scheduled", (Guid?)null), await RideAsync(route, dates[0]));
        Assert.Equal(("cancelled", (Guid?)null), await RideAsync(route, dates[1]));
    }
}
