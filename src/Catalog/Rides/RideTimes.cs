using NodaTime;

namespace OrleansRides.Catalog.Rides;

/// <summary>A scheduled ride's instants: its local date at the route's departure time in the region's IANA zone, as UTC,
/// and the end one duration later. Decision 70: a departure inside a spring-forward gap is moved forward by the gap's
/// length (02:30 in a 02:00→03:00 gap becomes 03:30), one inside an autumn overlap is the earlier of the two instants
/// (the first 02:30), which is NodaTime's <see cref="LocalDateTime.InZoneLeniently"/>.</summary>
public static class RideTimes
{
    /// <summary>The duration a route without an estimate is given, so that a ride still has a window (an hour).</summary>
    public static readonly TimeSpan DefaultDuration = TimeSpan.FromHours(1);

    /// <summary>The zone with this IANA id (for example <c>Europe/Berlin</c>), or null when the time-zone database has no
    /// such zone.</summary>
    public static DateTimeZone? Zone(string timeZone) => DateTimeZoneProviders.Tzdb.GetZoneOrNull(timeZone);

    /// <summary>The UTC start and end of the ride on <paramref name="localDate"/> departing at <paramref name="departure"/>
    /// local time in <paramref name="zone"/>, lasting <paramref name="durationMinutes"/> (null: <see cref="DefaultDuration"/>).
    /// The end is the start plus the duration in elapsed time, so a 25-hour ride ends 25 real hours later across a
    /// daylight-saving change too.</summary>
    public static (DateTime Start, DateTime End) Of(DateOnly localDate, TimeOnly departure, DateTimeZone zone, int? durationMinutes)
    {
        var local = new LocalDateTime(localDate.Year, localDate.Month, localDate.Day, departure.Hour, departure.Minute);
        var start = local.InZoneLeniently(zone).ToInstant();
        var duration = durationMinutes is { } minutes ? Duration.FromMinutes(minutes) : Duration.FromTimeSpan(DefaultDuration);
        return (start.ToDateTimeUtc(), (start + duration).ToDateTimeUtc());
    }

    /// <summary>The local date in <paramref name="zone"/> at the instant <paramref name="utc"/>.</summary>
    public static DateOnly LocalDate(DateTimeOffset utc, DateTimeZone zone) =>
        Instant.FromDateTimeOffset(utc).InZone(zone).Date.ToDateOnly();
}
