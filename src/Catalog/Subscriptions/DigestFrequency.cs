namespace OrleansRides.Catalog.Subscriptions;

/// <summary>How often a subscriber gets a digest (JSON <c>daily</c>, <c>weekly</c>, <c>monthly</c>).</summary>
public enum DigestFrequency
{
    /// <summary>One digest per UTC calendar day.</summary>
    Daily,

    /// <summary>One digest per ISO week (Monday 00:00 UTC to the next Monday).</summary>
    Weekly,

    /// <summary>One digest per UTC calendar month.</summary>
    Monthly,
}

/// <summary>Digest periods, all in UTC (decision 82): one zone for everyone keeps "this period" the same for a subscriber
/// whatever regions they follow, while each ride in a digest is shown in its own region's zone.</summary>
public static class DigestPeriods
{
    /// <summary>The database spelling of <paramref name="frequency"/> (<c>subscriptions.frequency</c>).</summary>
    public static string Name(this DigestFrequency frequency) => frequency switch
    {
        DigestFrequency.Daily => "daily",
        DigestFrequency.Weekly => "weekly",
        _ => "monthly",
    };

    /// <summary>The frequency stored as <paramref name="name"/>.</summary>
    public static DigestFrequency Parse(string name) => name switch
    {
        "daily" => DigestFrequency.Daily,
        "weekly" => DigestFrequency.Weekly,
        "monthly" => DigestFrequency.Monthly,
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "Unknown digest frequency."),
    };

    /// <summary>The UTC date the period containing <paramref name="now"/> starts on: that day, that week's Monday, or the
    /// first of that month.</summary>
    public static DateOnly PeriodStart(DigestFrequency frequency, DateTimeOffset now)
    {
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        return frequency switch
        {
            DigestFrequency.Daily => today,
            DigestFrequency.Weekly => today.AddDays(-(((int)today.DayOfWeek + 6) % 7)),
            _ => new DateOnly(today.Year, today.Month, 1),
        };
    }

    /// <summary>How far ahead a digest sent at <paramref name="now"/> looks: one day, seven days, or one calendar month.
    /// Digests sent at the same time of each period therefore cover the rides between them exactly once.</summary>
    public static DateTimeOffset HorizonEnd(DigestFrequency frequency, DateTimeOffset now) => frequency switch
    {
        DigestFrequency.Daily => now.AddDays(1),
        DigestFrequency.Weekly => now.AddDays(7),
        _ => now.AddMonths(1),
    };
}
