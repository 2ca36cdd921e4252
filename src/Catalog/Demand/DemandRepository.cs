using Dapper;
using Npgsql;

namespace OrleansRides.Catalog.Demand;

/// <summary>Demand requests in <c>demand_requests</c> (sql/011) and the heatmap aggregated from them in SQL: raw rows
/// never leave this class except to their own submitter at creation.</summary>
public sealed class DemandRepository(NpgsqlDataSource dataSource, TimeProvider time)
{
    /// <summary>The region's centre and bounding box, or <c>null</c> when there is no such region.</summary>
    public async Task<RegionExtent?> FindRegionAsync(Guid regionId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<RegionExtent>(new CommandDefinition(
            """
            SELECT center_lat AS CenterLat, center_lng AS CenterLng, bbox_south AS South, bbox_west AS West,
                   bbox_north AS North, bbox_east AS East
            FROM regions WHERE id = @regionId
            """, new { regionId }, cancellationToken: cancellationToken));
    }

    /// <summary>Stores a validated request (region checked by the caller) under <paramref name="sessionId"/>.</summary>
    public async Task<DemandView> CreateAsync(CreateDemandRequest request, Guid? sessionId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var days = (request.PreferredDays ?? []).Order().ToArray();
        var ranges = request.PreferredTimeRanges ?? [];
        var view = new DemandView(Guid.CreateVersion7(now), request.RegionId!.Value, Clean(request.Start!), Clean(request.End!),
            days, ranges, sessionId, now.UtcDateTime);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO demand_requests (id, region_id, session_id, start_lat, start_lng, start_address, end_lat, end_lng,
                                         end_address, preferred_days, preferred_time_ranges, created_at)
            VALUES (@Id, @RegionId, @SessionId, @StartLat, @StartLng, @StartAddress, @EndLat, @EndLng, @EndAddress,
                    @Days, @Ranges, @CreatedAt)
            """,
            new
            {
                view.Id, view.RegionId, view.SessionId, StartLat = view.Start.Lat, StartLng = view.Start.Lng, StartAddress = view.Start.Address,
                EndLat = view.End.Lat, EndLng = view.End.Lng, EndAddress = view.End.Address,
                Days = days.Select(d => (short)d).ToArray(), Ranges = ranges, view.CreatedAt,
            }, cancellationToken: cancellationToken));
        return view;
    }

    /// <summary>The region's demand on a grid of <paramref name="cell"/>-degree cells (<see cref="DemandRules.MinCell"/> to
    /// <see cref="DemandRules.MaxCell"/>, checked by the caller): a start or end at (lat, lng) falls in the cell
    /// (floor(lat / cell), floor(lng / cell)), computed in exact decimal arithmetic so that points on a cell edge land in
    /// one cell on every run. A count is shown only when at least <see cref="DemandRules.MinRequestersPerCell"/> distinct
    /// requesters are behind it, else it is 0, and a cell with neither count shown is left out. <c>null</c> when there is
    /// no such region.</summary>
    public async Task<Heatmap?> HeatmapAsync(Guid regionId, decimal cell, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        if (!await connection.ExecuteScalarAsync<bool>(new CommandDefinition(
                "SELECT EXISTS (SELECT 1 FROM regions WHERE id = @regionId)", new { regionId }, cancellationToken: cancellationToken)))
        {
            return null;
        }
        var cells = await connection.QueryAsync<HeatmapCell>(new CommandDefinition(
            """
            WITH points AS (
                SELECT true AS is_start, floor(start_lat::numeric / @cell) AS y, floor(start_lng::numeric / @cell) AS x,
                       COALESCE(session_id, id) AS requester
                FROM demand_requests WHERE region_id = @regionId
                UNION ALL
                SELECT false, floor(end_lat::numeric / @cell), floor(end_lng::numeric / @cell), COALESCE(session_id, id)
                FROM demand_requests WHERE region_id = @regionId),
            counted AS (
                SELECT y, x,
                       count(*) FILTER (WHERE is_start) AS starts, count(DISTINCT requester) FILTER (WHERE is_start) AS starters,
                       count(*) FILTER (WHERE NOT is_start) AS ends, count(DISTINCT requester) FILTER (WHERE NOT is_start) AS enders
                FROM points GROUP BY y, x)
            SELECT ((y + 0.5) * @cell)::float8 AS Lat, ((x + 0.5) * @cell)::float8 AS Lng,
                   (CASE WHEN starters >= @min THEN starts ELSE 0 END)::int AS Starts,
                   (CASE WHEN enders >= @min THEN ends ELSE 0 END)::int AS Ends
            FROM counted
            WHERE starters >= @min OR enders >= @min
            ORDER BY y, x
            LIMIT @max
            """,
            new { regionId, cell, min = DemandRules.MinRequestersPerCell, max = DemandRules.MaxCells },
            cancellationToken: cancellationToken));
        return new Heatmap(cell, cells.ToList());
    }

    private static DemandPoint Clean(DemandPoint point) =>
        new(point.Lat, point.Lng, string.IsNullOrWhiteSpace(point.Address) ? null : point.Address.Trim());
}
