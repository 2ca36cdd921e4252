using Dapper;
using Npgsql;
using OrleansRides.GrainInterfaces.Rides;

namespace OrleansRides.Catalog.Tests;

/// <summary>Routes written with SQL (engineer A's create API is not on this branch yet), in the seeded regions.</summary>
public static class CatalogRows
{
    public static readonly Guid Berlin = Guid.Parse("0192f0a0-0000-7000-8000-000000000001");
    public static readonly Guid Melbourne = Guid.Parse("0192f0a0-0000-7000-8000-000000000003");

    /// <summary>Inserts a route and returns its id; its leader key is <c>key-{id}</c>.</summary>
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
