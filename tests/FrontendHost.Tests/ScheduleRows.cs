using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Npgsql;
using OrleansRides.GrainInterfaces.Rides;

namespace OrleansRides.FrontendHost.Tests;

/// <summary>A route written for a test, with its secrets.</summary>
public sealed record TestRoute(Guid Id, string AccessCode, string LeaderKey);

/// <summary>Regions and routes written with SQL (engineer A's route API is not on this branch yet), and ride helpers over HTTP.</summary>
internal static class ScheduleRows
{
    /// <summary>A region of its own (so list tests see only their rides) in <paramref name="timeZone"/>.</summary>
    public static async Task<Guid> RegionAsync(NpgsqlDataSource dataSource, string timeZone = "Europe/Berlin")
    {
        var id = Guid.CreateVersion7();
        await using var connection = await dataSource.OpenConnectionAsync();
        await connection.ExecuteAsync(
            "INSERT INTO regions (id, name, slug, time_zone, center_lat, center_lng) VALUES (@id, @name, @slug, @timeZone, 52.5, 13.4)",
            new { id, name = $"Region {id}", slug = $"region-{id:N}", timeZone });
        return id;
    }

    /// <summary>A route in <paramref name="regionId"/> (none when null).</summary>
    public static async Task<TestRoute> RouteAsync(
        NpgsqlDataSource dataSource, Guid? regionId, string departure = "07:30", int durationMinutes = 60, string status = "approved",
        Guid? creatorId = null, Guid? tagId = null)
    {
        var route = new TestRoute(Guid.CreateVersion7(), AccessCodes.Generate(), LeaderKeys.Generate());
        await using var connection = await dataSource.OpenConnectionAsync();
        await connection.ExecuteAsync(
            """
            INSERT INTO routes (id, name, access_code, leader_key_hash, waypoints, departure_time, estimated_duration_minutes,
                                region_id, status, creator_id)
            VALUES (@Id, @name, @AccessCode, @hash, '[{"lat":52.5,"lng":13.4}]', @departure::time, @durationMinutes, @regionId,
                    @status, @creatorId);
            INSERT INTO route_tags (route_id, tag_id) SELECT @Id, @tagId WHERE @tagId::uuid IS NOT NULL;
            """,
            new { route.Id, name = $"Route {route.Id}", route.AccessCode, hash = LeaderKeys.Hash(route.LeaderKey), departure, durationMinutes, regionId, status, creatorId, tagId });
        return route;
    }

    /// <summary>Schedules <paramref name="dates"/> with the route's leader key; returns the rides.</summary>
    public static async Task<JsonElement[]> ScheduleAsync(HttpClient client, TestRoute route, params string[] dates)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/routes/{route.Id}/instances") { Content = JsonContent.Create(new { dates }) };
        request.Headers.Add("X-Leader-Key", route.LeaderKey);
        var response = await client.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return [.. (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("data").EnumerateArray()];
    }

    /// <summary>The ride's <c>data</c>.</summary>
    public static async Task<JsonElement> RideAsync(HttpClient client, Guid rideId) =>
        (await client.GetFromJsonAsync<JsonElement>($"/api/v1/rides/{rideId}")).GetProperty("data");

    /// <summary>Today in UTC, <c>yyyy-MM-dd</c>, plus <paramref name="days"/>.</summary>
    public static string Day(int days) => DateTime.UtcNow.Date.AddDays(days).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}
