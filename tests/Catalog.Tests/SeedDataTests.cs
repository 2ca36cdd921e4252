using Dapper;
using NodaTime;
using OrleansRides.Tests.Shared;

namespace OrleansRides.Catalog.Tests;

[Collection(CatalogCollection.Name)]
public sealed class SeedDataTests(TestDatabase database)
{
    [Fact]
    public async Task Seeded_regions_name_IANA_time_zones_and_centres_inside_their_bounding_boxes()
    {
        await using var connection = await database.DataSource.OpenConnectionAsync();
        var regions = (await connection.QueryAsync<(string Slug, string TimeZone, double Lat, double Lng, double South, double West, double North, double East)>(
            """
            SELECT slug, time_zone, center_lat, center_lng, bbox_south, bbox_west, bbox_north, bbox_east FROM regions
            WHERE slug IN ('berlin', 'portland', 'melbourne', 'jakarta')
            """)).ToList();

        Assert.Equal(4, regions.Count);
        Assert.All(regions, region =>
        {
            Assert.NotNull(DateTimeZoneProviders.Tzdb.GetZoneOrNull(region.TimeZone));
            Assert.InRange(region.Lat, region.South, region.North);
            Assert.InRange(region.Lng, region.West, region.East);
        });
    }
}
