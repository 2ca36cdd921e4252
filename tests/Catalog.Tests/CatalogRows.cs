using Dapper;
using Npgsql;
using OrleansRides.GrainInterfaces.Rides;
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

    /// <summary>Inserts a route with SQL (approved by default, in any region or none) and returns its id; its leader key is <c>key-{id}</c>.</summary>
    public static async Task<Guid> RouteAsync(
        NpgsqlDataSource dataSource, Guid? regionId, string departure = "07:30", int? durationMinutes = 45, string? rule = null,
        DateOnly? endDate = null, DateTimeOffset? createdAt = null, string status = "approved", Guid? creatorId = null)
    {
        var id = Guid.CreateVersion7();
        await using var connection = await dataSource.OpenConnectionAsync();
        await connection.ExecuteAsync(
            """
            INSERT INTO routes (id, name, access_code, leader_key_hash, waypoints, departure_time, estimated_duration_minutes,
                                region_id, is_recurring, recurrence_rule, recurrence_end_date, status, created_at, creator_id)
            VALUES (@id, @name, @code, @hash, '[{"lat":52.5,"lng":13.4}]', @departure::time, @durationMinutes, @regionId,
                    @recurring, @rule, @endDate::date, @status, @createdAt, @creatorId)
            """,
            new
            {
                id, name = $"Route {id}", code = AccessCodes.Generate(), hash = LeaderKeys.Hash($"key-{id}"), departure, durationMinutes,
                regionId, recurring = rule is not null, rule, endDate = endDate?.ToDateTime(TimeOnly.MinValue), status,
                createdAt = (createdAt ?? DateTimeOffset.UtcNow).UtcDateTime, creatorId,
            });
        return id;
    }

    /// <summary>The route's rides as (local date, UTC start, UTC end, status), by date.</summary>
    public static async Task<List<(DateTime LocalDate, DateTime Start, DateTime End, string Status)>> RidesAsync(NpgsqlDataSource dataSource, Guid routeId)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        return [.. await connection.QueryAsync<(DateTime, DateTime, DateTime, string)>(
            "SELECT local_date::timestamp, start_time, end_time, status FROM rides WHERE route_id = @routeId ORDER BY local_date", new { routeId })];
    }
}
