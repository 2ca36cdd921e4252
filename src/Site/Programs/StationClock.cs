using NodaTime;

namespace OrleansRides.Site.Programs;

/// <summary><c>Site:TimeZone</c>: the IANA zone of the station's schedule (default <c>Asia/Jakarta</c>, UTC+7 without
/// daylight saving), checked against NodaTime's TZDB at start.</summary>
public sealed class StationTimeOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Site";

    /// <summary>The station's IANA zone id.</summary>
    public string TimeZone { get; set; } = "Asia/Jakarta";

    /// <summary>Whether <paramref name="zoneId"/> names a TZDB zone.</summary>
    public static bool IsKnownZone(string? zoneId) => zoneId is not null && DateTimeZoneProviders.Tzdb.GetZoneOrNull(zoneId) is not null;
}

/// <summary>The station's zone and "now" (from an injected <see cref="TimeProvider"/>, so tests set the time), and its
/// schedule arithmetic.</summary>
public sealed class StationClock(DateTimeZone zone, TimeProvider time)
{
    /// <summary>The schedule arithmetic in the station's zone.</summary>
    public StationSchedule Schedule { get; } = new(zone);

    /// <summary>The station's zone.</summary>
    public DateTimeZone Zone => zone;

    /// <summary>The current instant.</summary>
    public Instant Now => Instant.FromDateTimeOffset(time.GetUtcNow());
}
