using OrleansRides.Catalog.Rides;

namespace OrleansRides.Catalog.Tests;

/// <summary>Local departure → UTC (decision 70), without the database.</summary>
public sealed class RideTimesTests
{
    private static DateTime Utc(int y, int m, int d, int h, int min) => new(y, m, d, h, min, 0, DateTimeKind.Utc);

    private static (DateTime Start, DateTime End) At(string zone, int y, int m, int d, int h, int min, int? duration = 60) =>
        RideTimes.Of(new DateOnly(y, m, d), new TimeOnly(h, min), RideTimes.Zone(zone)!, duration);

    [Fact]
    public void A_departure_in_the_spring_forward_gap_moves_forward_by_the_gap()
    {
        // Berlin, 29 March 2026: 02:00 CET → 03:00 CEST; 02:30 does not exist and becomes 03:30 CEST = 01:30 UTC.
        Assert.Equal(Utc(2026, 3, 29, 1, 30), At("Europe/Berlin", 2026, 3, 29, 2, 30).Start);
        // Melbourne, 4 October 2026: 02:00 AEST → 03:00 AEDT; 02:30 becomes 03:30 AEDT (+11) = 16:30 UTC the day before.
        Assert.Equal(Utc(2026, 10, 3, 16, 30), At("Australia/Melbourne", 2026, 10, 4, 2, 30).Start);
    }

    [Fact]
    public void A_departure_in_the_autumn_overlap_is_the_earlier_instant()
    {
        // Berlin, 25 October 2026: 02:30 happens twice, first in CEST (+2) = 00:30 UTC, then in CET = 01:30 UTC.
        Assert.Equal(Utc(2026, 10, 25, 0, 30), At("Europe/Berlin", 2026, 10, 25, 2, 30).Start);
        // Melbourne, 5 April 2026: 02:30 first in AEDT (+11) = 15:30 UTC on the 4th.
        Assert.Equal(Utc(2026, 4, 4, 15, 30), At("Australia/Melbourne", 2026, 4, 5, 2, 30).Start);
    }

    [Fact]
    public void A_25_hour_ride_across_the_autumn_change_ends_25_elapsed_hours_later()
    {
        var (start, end) = At("Europe/Berlin", 2026, 10, 24, 7, 30, duration: 25 * 60);

        Assert.Equal(Utc(2026, 10, 24, 5, 30), start);
        Assert.Equal(TimeSpan.FromHours(25), end - start);
        // That is 07:30 local again on the 25th, a day of 25 hours.
        Assert.Equal(Utc(2026, 10, 25, 6, 30), end);
    }

    [Fact]
    public void A_route_without_a_duration_gets_an_hour()
    {
        var (start, end) = At("Asia/Jakarta", 2026, 12, 1, 6, 0, duration: null);

        Assert.Equal(Utc(2026, 11, 30, 23, 0), start);
        Assert.Equal(RideTimes.DefaultDuration, end - start);
    }
}
