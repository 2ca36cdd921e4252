using Dapper;
using Npgsql;
using OrleansRides.Catalog.Regions;
using OrleansRides.Catalog.Routes;
using OrleansRides.Catalog.Tags;

namespace OrleansRides.Catalog.Tests;

/// <summary>Rows a test makes for itself (unique names and slugs), so tests sharing the database never see each other's.</summary>
internal static class CatalogRows
{
    public static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 13)];

    public static async Task<Region> RegionAsync(NpgsqlDataSource dataSource, string timeZone = "Europe/Berlin")
    {
        var slug = Unique("region");
        var result = await new RegionRepository(dataSource).CreateAsync(
            new RegionRequest($"Region {slug}", slug, timeZone, new GeoPointInput(52.5, 13.4), null), CancellationToken.None);
        return result.Value!;
    }

    public static async Task<Tag> TagAsync(NpgsqlDataSource dataSource, bool isActive = true)
    {
        var slug = Unique("tag");
        return (await new TagRepository(dataSource).CreateAsync(new TagRequest($"Tag {slug}", slug, isActive), CancellationToken.None)).Value!;
    }

    public static async Task<Guid> UserAsync(NpgsqlDataSource dataSource)
    {
        var id = Guid.CreateVersion7();
        await using var connection = await dataSource.OpenConnectionAsync();
        await connection.ExecuteAsync(
            "INSERT INTO users (id, email, name, password_hash, role) VALUES (@id, @email, 'Creator', 'x', 'member')",
            new { id, email = $"{id:N}@tests.example.org" });
        return id;
    }

    public static RouteRequest Route(Guid regionId, string name = "Test ride", IReadOnlyList<Guid>? tagIds = null, string? description = null,
        string? neighborhood = null, string? rule = null) =>
        new(name, description, [new WaypointInput(52.5, 13.4, "Start"), new WaypointInput(52.52, 13.41, null)], "07:30", null,
            regionId, neighborhood, tagIds, null, rule, null);
}
