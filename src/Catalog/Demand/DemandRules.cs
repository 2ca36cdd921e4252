using System.Globalization;

namespace OrleansRides.Catalog.Demand;

/// <summary>The limits of demand requests and of the heatmap (decision 78).</summary>
public static class DemandRules
{
    /// <summary>How far outside its region's bounding box a point may be, degrees (0.1° is about 11 km of latitude): a
    /// commute may start just beyond the box someone drew, but not in another country.</summary>
    public const double BoundsMarginDegrees = 0.1;

    /// <summary>For a region without a bounding box: how far from its centre a point may be, degrees, in each axis.</summary>
    public const double CenterRadiusDegrees = 0.5;

    /// <summary>Most weekdays (all of them) and most time ranges.</summary>
    public const int MaxDays = 7, MaxTimeRanges = 10;

    /// <summary>Longest address.</summary>
    public const int MaxAddressLength = 200;

    /// <summary>A heatmap count is shown only when at least this many distinct requesters (sessions; a request without a
    /// session counts alone) are behind it, so no single home can be picked out, nor one rider's repeated requests.</summary>
    public const int MinRequestersPerCell = 3;

    /// <summary>Heatmap cell sizes allowed, degrees (0.001° is about 110 m of latitude), and the default.</summary>
    public const decimal MinCell = 0.001m, MaxCell = 1m, DefaultCell = 0.01m;

    /// <summary>Most cells one heatmap answer holds.</summary>
    public const int MaxCells = 10_000;

    /// <summary>Whether <paramref name="range"/> is <c>HH:mm-HH:mm</c> with the start before the end.</summary>
    public static bool IsTimeRange(string? range) =>
        range is { Length: 11 } && range[5] == '-'
        && TimeOnly.TryParseExact(range.AsSpan(0, 5), "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var start)
        && TimeOnly.TryParseExact(range.AsSpan(6, 5), "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var end)
        && start < end;
}
