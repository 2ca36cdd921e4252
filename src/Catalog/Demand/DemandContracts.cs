namespace OrleansRides.Catalog.Demand;

/// <summary>One end of a requested ride.</summary>
/// <param name="Lat">Latitude, degrees −90..90 (WGS 84).</param>
/// <param name="Lng">Longitude, degrees −180..180.</param>
/// <param name="Address">What the rider calls the place, at most 200 characters, one line. Stored, never served.</param>
public sealed record DemandPoint(double? Lat, double? Lng, string? Address);

/// <summary><c>POST /api/v1/demand</c>: "I'd join a ride from here to there on these days at these times".</summary>
/// <param name="Start">Where from; inside the region's bounding box or at most <see cref="DemandRules.BoundsMarginDegrees"/>
/// outside it.</param>
/// <param name="End">Where to; the same rule.</param>
/// <param name="PreferredDays">Weekdays, 0 = Sunday … 6 = Saturday (JavaScript's <c>getDay()</c>), distinct, at most 7;
/// empty or absent: any day.</param>
/// <param name="PreferredTimeRanges">Local times <c>HH:mm-HH:mm</c>, start before end (no range over midnight), at most
/// 10; empty or absent: any time.</param>
/// <param name="RegionId">An existing region (required).</param>
/// <param name="SessionId">The asking session, or none.</param>
/// <param name="Fingerprint">A client hint for the session (found or made); not together with <paramref name="SessionId"/>.</param>
public sealed record CreateDemandRequest(
    DemandPoint? Start, DemandPoint? End, int[]? PreferredDays, string[]? PreferredTimeRanges, Guid? RegionId,
    Guid? SessionId, string? Fingerprint);

/// <summary>A stored demand request, as its submitter sees it (nobody else ever does: others see only the heatmap).</summary>
/// <param name="Id">Its id (uuid v7).</param>
/// <param name="RegionId">The region.</param>
/// <param name="Start">Where from.</param>
/// <param name="End">Where to.</param>
/// <param name="PreferredDays">0 = Sunday … 6 = Saturday, ascending.</param>
/// <param name="PreferredTimeRanges"><c>HH:mm-HH:mm</c>, as sent.</param>
/// <param name="SessionId">The session it was filed under, if any.</param>
/// <param name="CreatedAt">UTC (<see cref="DateTimeKind.Utc"/>: JSON shows it with <c>Z</c>).</param>
public sealed record DemandView(
    Guid Id, Guid RegionId, DemandPoint Start, DemandPoint End, IReadOnlyList<int> PreferredDays,
    IReadOnlyList<string> PreferredTimeRanges, Guid? SessionId, DateTime CreatedAt);

/// <summary>One cell of the demand heatmap.</summary>
/// <param name="Lat">The cell's centre latitude, degrees: <c>(floor(lat / cell) + 0.5) × cell</c>.</param>
/// <param name="Lng">The cell's centre longitude, degrees.</param>
/// <param name="Starts">Requests starting in the cell; 0 when fewer than 3 distinct requesters start there.</param>
/// <param name="Ends">Requests ending in the cell; 0 when fewer than 3 distinct requesters end there.</param>
public sealed record HeatmapCell(double Lat, double Lng, int Starts, int Ends);

/// <summary><c>GET /api/v1/demand/heatmap</c>'s data.</summary>
/// <param name="Cell">The cell size used, degrees.</param>
/// <param name="Cells">Cells with at least one count shown, south to north then west to east.</param>
public sealed record Heatmap(decimal Cell, IReadOnlyList<HeatmapCell> Cells);

/// <summary>A region's extent, for checking that demand falls in it.</summary>
/// <param name="CenterLat">Centre latitude.</param>
/// <param name="CenterLng">Centre longitude.</param>
/// <param name="South">Bounding box (all four or none), degrees.</param>
/// <param name="West">West edge.</param>
/// <param name="North">North edge.</param>
/// <param name="East">East edge.</param>
public sealed record RegionExtent(double CenterLat, double CenterLng, double? South, double? West, double? North, double? East)
{
    /// <summary>Whether the point is inside the bounding box widened by <see cref="DemandRules.BoundsMarginDegrees"/> on
    /// every side, or, for a region without one, within <see cref="DemandRules.CenterRadiusDegrees"/> of its centre in
    /// both latitude and longitude. Regions crossing the antimeridian are not supported (none is seeded).</summary>
    public bool Contains(double lat, double lng) => South is { } south && West is { } west && North is { } north && East is { } east
        ? lat >= south - DemandRules.BoundsMarginDegrees && lat <= north + DemandRules.BoundsMarginDegrees
          && lng >= west - DemandRules.BoundsMarginDegrees && lng <= east + DemandRules.BoundsMarginDegrees
        : Math.Abs(lat - CenterLat) <= DemandRules.CenterRadiusDegrees && Math.Abs(lng - CenterLng) <= DemandRules.CenterRadiusDegrees;
}
