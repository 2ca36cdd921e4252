using Dapper;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using OrleansRides.Catalog.Jobs;
using OrleansRides.Catalog.Recurrence;
using OrleansRides.Catalog.Rides;
using OrleansRides.Tests.Shared;
using static OrleansRides.Catalog.Tests.CatalogRows;
using static OrleansRides.Tests.Shared.SeededCatalog;

namespace OrleansRides.Catalog.Tests;

[Collection(CatalogCollection.Name)]
public sealed class RecurrenceExpansionJobTests(TestDatabase database)
{
    private static DateTime Utc(int y, int m, int d, int h, int min) => new(y, m, d, h, min, 0, DateTimeKind.Utc);

    private RecurrenceExpansionJob Job(DateTimeOffset now, int horizonDays = 60) => new(
        database.DataSource, new RideRepository(database.DataSource), Options.Create(new ScheduleOptions { ScheduleHorizonDays = horizonDays }),
        new ManualTimeProvider(now), NullLogger<RecurrenceExpansionJob>.Instance);

    [Fact]
    public async Task A_weekly_0730_Berlin_ride_stays_0730_local_across_the_October_change()
    {
        var route = await RouteAsync(database.DataSource, Berlin, rule: "FREQ=WEEKLY;BYDAY=SA", createdAt: new(2026, 10, 10, 12, 0, 0, TimeSpan.Zero));

        await Job(new(2026, 10, 20, 12, 0, 0, TimeSpan.Zero), horizonDays: 14).RunAsync(CancellationToken.None);

        var rides = await RidesAsync(database.DataSource, route);
        Assert.Equal([new DateTime(2026, 10, 24), new DateTime(2026, 10, 31)], rides.Select(r => r.LocalDate));
        // 07:30 CEST (+2) before the change on the 25th, 07:30 CET (+1) after.
        Assert.Equal([Utc(2026, 10, 24, 5, 30), Utc(2026, 10, 31, 6, 30)], rides.Select(r => r.Start));
        Assert.All(rides, r => Assert.Equal(TimeSpan.FromMinutes(45), r.End - r.Start));
    }

    [Fact]
    public async Task A_weekly_0730_Melbourne_ride_stays_0730_local_across_both_southern_changes()
    {
        var route = await RouteAsync(database.DataSource, Melbourne, rule: "FREQ=WEEKLY;BYDAY=SU", createdAt: new(2026, 3, 20, 0, 0, 0, TimeSpan.Zero));

        // DST ends on the first Sunday of April (5 April 2026: AEDT +11 → AEST +10) and starts on the first Sunday of
        // October (4 October 2026: AEST → AEDT).
        await Job(new(2026, 3, 27, 0, 0, 0, TimeSpan.Zero), horizonDays: 10).RunAsync(CancellationToken.None);
        await Job(new(2026, 9, 25, 0, 0, 0, TimeSpan.Zero), horizonDays: 10).RunAsync(CancellationToken.None);

        var rides = await RidesAsync(database.DataSource, route);
        Assert.Equal([new DateTime(2026, 3, 29), new DateTime(2026, 4, 5), new DateTime(2026, 9, 27), new DateTime(2026, 10, 4)],
            rides.Select(r => r.LocalDate));
        Assert.Equal([Utc(2026, 3, 28, 20, 30), Utc(2026, 4, 4, 21, 30), Utc(2026, 9, 26, 21, 30), Utc(2026, 10, 3, 20, 30)],
            rides.Select(r => r.Start));
    }

    [Fact]
    public async Task Running_the_job_twice_creates_each_ride_once_and_never_recreates_a_cancelled_one()
    {
        var route = await RouteAsync(database.DataSource, Berlin, rule: "FREQ=DAILY", createdAt: new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero));
        var now = new DateTimeOffset(2026, 11, 10, 5, 0, 0, TimeSpan.Zero);
        await Job(now, horizonDays: 5).RunAsync(CancellationToken.None);
        await using (var connection = await database.DataSource.OpenConnectionAsync())
        {
            await connection.ExecuteAsync("UPDATE rides SET status = 'cancelled' WHERE route_id = @route AND local_date = '2026-11-12'", new { route });
        }

        await Job(now, horizonDays: 5).RunAsync(CancellationToken.None);

        var rides = await RidesAsync(database.DataSource, route);
        // Today (10 November, 07:30 local not past at 06:00 local) through today + 5 days.
        Assert.Equal(Enumerable.Range(10, 6).Select(d => new DateTime(2026, 11, d)), rides.Select(r => r.LocalDate));
        Assert.Equal("cancelled", Assert.Single(rides, r => r.LocalDate.Day == 12).Status);
    }

    [Fact]
    public async Task The_horizon_the_rules_UNTIL_and_COUNT_and_the_routes_end_date_are_respected()
    {
        var created = new DateTimeOffset(2026, 11, 2, 0, 0, 0, TimeSpan.Zero);
        var daily = await RouteAsync(database.DataSource, Berlin, rule: "FREQ=DAILY", createdAt: created);
        var until = await RouteAsync(database.DataSource, Berlin, rule: "FREQ=DAILY;UNTIL=20261120", createdAt: created);
        var count = await RouteAsync(database.DataSource, Berlin, rule: "FREQ=WEEKLY;BYDAY=MO;COUNT=4", createdAt: created);
        var ended = await RouteAsync(database.DataSource, Berlin, rule: "FREQ=DAILY", createdAt: created, endDate: new DateOnly(2026, 11, 18));

        // 17 November 09:00 local: today's 07:30 is past, so rides start tomorrow.
        await Job(new(2026, 11, 17, 8, 0, 0, TimeSpan.Zero), horizonDays: 10).RunAsync(CancellationToken.None);

        Assert.Equal(Enumerable.Range(18, 10).Select(d => new DateTime(2026, 11, d)), (await RidesAsync(database.DataSource, daily)).Select(r => r.LocalDate));
        Assert.Equal([new DateTime(2026, 11, 18), new DateTime(2026, 11, 19), new DateTime(2026, 11, 20)],
            (await RidesAsync(database.DataSource, until)).Select(r => r.LocalDate));
        // COUNT=4 from the first Monday (2 November): 2, 9, 16, 23; only the 23rd is ahead.
        Assert.Equal([new DateTime(2026, 11, 23)], (await RidesAsync(database.DataSource, count)).Select(r => r.LocalDate));
        Assert.Equal([new DateTime(2026, 11, 18)], (await RidesAsync(database.DataSource, ended)).Select(r => r.LocalDate));
    }

    [Fact]
    public async Task Routes_that_are_not_approved_have_no_region_or_a_bad_rule_get_no_rides_and_do_not_stop_the_others()
    {
        var created = new DateTimeOffset(2026, 11, 2, 0, 0, 0, TimeSpan.Zero);
        var pending = await RouteAsync(database.DataSource, Berlin, rule: "FREQ=DAILY", createdAt: created, status: "pending");
        var noRegion = await RouteAsync(database.DataSource, null, rule: "FREQ=DAILY", createdAt: created);
        var bad = await RouteAsync(database.DataSource, Berlin, rule: "FREQ=SOMETIMES", createdAt: created);
        var good = await RouteAsync(database.DataSource, Berlin, rule: "FREQ=DAILY", createdAt: created);

        await Job(new(2026, 11, 17, 0, 0, 0, TimeSpan.Zero), horizonDays: 2).RunAsync(CancellationToken.None);

        Assert.Empty(await RidesAsync(database.DataSource, pending));
        Assert.Empty(await RidesAsync(database.DataSource, noRegion));
        Assert.Empty(await RidesAsync(database.DataSource, bad));
        Assert.Equal(3, (await RidesAsync(database.DataSource, good)).Count);
    }
}
