using Dapper;
using Npgsql;

namespace OrleansRides.Catalog.Regions;

/// <summary>Regions in the <c>regions</c> table (<c>sql/008_catalog.sql</c>). Takes validated requests.</summary>
public sealed class RegionRepository(NpgsqlDataSource dataSource)
{
    private const string Columns =
        """
        id AS Id, name AS Name, slug AS Slug, time_zone AS TimeZone, center_lat AS CenterLat, center_lng AS CenterLng,
        bbox_south AS South, bbox_west AS West, bbox_north AS North, bbox_east AS East
        """;

    /// <summary>Every region, by name.</summary>
    public async Task<IReadOnlyList<Region>> ListAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<RegionRow>(new CommandDefinition(
            $"SELECT {Columns} FROM regions ORDER BY name, id", cancellationToken: cancellationToken));
        return rows.Select(r => r.ToRegion()).ToList();
    }

    /// <summary>The region with this id, or null.</summary>
    public async Task<Region?> FindAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<RegionRow>(new CommandDefinition(
            $"SELECT {Columns} FROM regions WHERE id = @id", new { id }, cancellationToken: cancellationToken));
        return row?.ToRegion();
    }

    /// <summary>Stores a new region; <see cref="WriteFailure.SlugTaken"/> when another region has its slug.</summary>
    public Task<WriteResult<Region>> CreateAsync(RegionRequest request, CancellationToken cancellationToken) =>
        WriteAsync(
            $"""
            INSERT INTO regions (id, name, slug, time_zone, center_lat, center_lng, bbox_south, bbox_west, bbox_north, bbox_east)
            VALUES (@Id, @Name, @Slug, @TimeZone, @CenterLat, @CenterLng, @South, @West, @North, @East)
            RETURNING {Columns}
            """, Guid.CreateVersion7(), request, cancellationToken);

    /// <summary>Replaces a region's fields; <see cref="WriteFailure.NotFound"/> or <see cref="WriteFailure.SlugTaken"/>.</summary>
    public Task<WriteResult<Region>> UpdateAsync(Guid id, RegionRequest request, CancellationToken cancellationToken) =>
        WriteAsync(
            $"""
            UPDATE regions SET name = @Name, slug = @Slug, time_zone = @TimeZone, center_lat = @CenterLat, center_lng = @CenterLng,
                bbox_south = @South, bbox_west = @West, bbox_north = @North, bbox_east = @East, updated_at = now()
            WHERE id = @Id
            RETURNING {Columns}
            """, id, request, cancellationToken);

    /// <summary>Deletes a region; <see cref="WriteFailure.InUse"/> while routes (or other rows) reference it.</summary>
    public Task<WriteFailure> DeleteAsync(Guid id, CancellationToken cancellationToken) =>
        CatalogWrites.DeleteAsync(dataSource, "DELETE FROM regions WHERE id = @id", id, cancellationToken);

    private Task<WriteResult<Region>> WriteAsync(string sql, Guid id, RegionRequest request, CancellationToken cancellationToken) =>
        CatalogWrites.WriteAsync<RegionRow, Region>(dataSource, sql, new
        {
            Id = id,
            request.Name,
            Slug = Slugs.Effective(request.Slug, request.Name),
            request.TimeZone,
            CenterLat = request.Center!.Lat,
            CenterLng = request.Center.Lng,
            request.Bounds?.South,
            request.Bounds?.West,
            request.Bounds?.North,
            request.Bounds?.East,
        }, row => row.ToRegion(), cancellationToken);

    private sealed record RegionRow(
        Guid Id, string Name, string Slug, string TimeZone, double CenterLat, double CenterLng,
        double? South, double? West, double? North, double? East)
    {
        public Region ToRegion() => new(Id, Name, Slug, TimeZone, new GeoPoint(CenterLat, CenterLng),
            South is { } s && West is { } w && North is { } n && East is { } e ? new Bounds(s, w, n, e) : null);
    }
}
