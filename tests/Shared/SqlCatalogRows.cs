using Npgsql;

namespace OrleansRides.Tests.Shared;

/// <summary>Catalog rows made with plain SQL, for tests of features that need a scheduled ride or a session without going
/// through the APIs that make them (those belong to other parts of the catalog).</summary>
public static class SqlCatalogRows
{
    /// <summary>A new route in Berlin and one ride of it starting at <paramref name="start"/> (an hour long) with
    /// <paramref name="status"/>; returns the ride's id.</summary>
    public static async Task<Guid> InsertRideAsync(NpgsqlDataSource dataSource, DateTimeOffset start, string status = "scheduled")
    {
        var routeId = Guid.CreateVersion7();
        var rideId = Guid.CreateVersion7();
        await using var command = dataSource.CreateCommand(
            """
            WITH route AS (
                INSERT INTO routes (id, name, access_code, leader_key_hash, waypoints, departure_time, region_id, status)
                VALUES ($1, 'Test route', $2, '\x00', '[{"lat":52.52,"lng":13.40}]', '07:30', $3, 'approved') RETURNING id)
            INSERT INTO rides (id, route_id, local_date, start_time, end_time, status) SELECT $4, id, $5, $6, $7, $8 FROM route
            """);
        command.Parameters.AddWithValue(routeId);
        command.Parameters.AddWithValue(Guid.NewGuid().ToString("N")[..10].ToUpperInvariant());
        command.Parameters.AddWithValue(SeededCatalog.Berlin);
        command.Parameters.AddWithValue(rideId);
        command.Parameters.AddWithValue(DateOnly.FromDateTime(start.UtcDateTime));
        command.Parameters.AddWithValue(start);
        command.Parameters.AddWithValue(start.AddHours(1));
        command.Parameters.AddWithValue(status);
        await command.ExecuteNonQueryAsync();
        return rideId;
    }

    /// <summary>A new anonymous session expiring at <paramref name="expiresAt"/>; returns its id.</summary>
    public static async Task<Guid> InsertSessionAsync(NpgsqlDataSource dataSource, DateTimeOffset expiresAt)
    {
        var id = Guid.CreateVersion7();
        await using var command = dataSource.CreateCommand(
            "INSERT INTO anonymous_sessions (id, created_at, last_seen_at, expires_at) VALUES ($1, $2, $2, $3)");
        command.Parameters.AddWithValue(id);
        command.Parameters.AddWithValue(expiresAt.AddDays(-30));
        command.Parameters.AddWithValue(expiresAt);
        await command.ExecuteNonQueryAsync();
        return id;
    }
}
