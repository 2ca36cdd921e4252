using System.Globalization;
using System.Text.Json;
using Dapper;
using OrleansRides.Runtime.Storage;
using Npgsql;
using OrleansRides.GrainInterfaces.Rides;

namespace OrleansRides.FrontendHost.Catalog;

/// <summary>Routes in the <c>routes</c> table (<c>sql/001_routes.sql</c>).</summary>
public sealed class RouteRepository(NpgsqlDataSource dataSource)
{
    private const int CodeAttempts = 5;

    private const string SelectColumns =
        """
        SELECT id AS Id, name AS Name, description AS Description, access_code AS AccessCode, waypoints::text AS Waypoints,
               to_char(departure_time, 'HH24:MI') AS DepartureTime, estimated_duration_minutes AS EstimatedDurationMinutes,
               created_at AS CreatedAt
        FROM routes
        """;

    /// <summary>Stores a validated route with a fresh access code (retried on the rare collision) and leader key.</summary>
    /// <exception cref="InvalidOperationException">No free access code after 5 tries (the code space is nearly full).</exception>
    public async Task<CreatedRoute> CreateAsync(CreateRouteRequest request, CancellationToken cancellationToken)
    {
        var leaderKey = LeaderKeys.Generate();
        var waypoints = request.Waypoints!.Select(w => new Waypoint(w.Lat!.Value, w.Lng!.Value, w.Name)).ToArray();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var row = await connection.QuerySingleAsync<RouteRow>(new CommandDefinition(
                    $"""
                    WITH inserted AS (
                        INSERT INTO routes (id, name, description, access_code, leader_key_hash, waypoints, departure_time, estimated_duration_minutes)
                        VALUES (@Id, @Name, @Description, @AccessCode, @LeaderKeyHash, @Waypoints::jsonb, @DepartureTime::time, @EstimatedDurationMinutes)
                        RETURNING *)
                    {SelectColumns.Replace("FROM routes", "FROM inserted", StringComparison.Ordinal)}
                    """,
                    new
                    {
                        Id = Guid.CreateVersion7(),
                        request.Name,
                        request.Description,
                        AccessCode = AccessCodes.Generate(),
                        LeaderKeyHash = LeaderKeys.Hash(leaderKey),
                        Waypoints = JsonSerializer.Serialize(waypoints, JsonSerializerOptions.Web),
                        request.DepartureTime,
                        EstimatedDurationMinutes = request.EstimatedDuration is { } d
                            ? (int?)TimeOnly.ParseExact(d, "HH:mm", CultureInfo.InvariantCulture).ToTimeSpan().TotalMinutes
                            : null,
                    }, cancellationToken: cancellationToken));
                return new CreatedRoute(row.ToDetails(), leaderKey);
            }
            catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.UniqueViolation && attempt < CodeAttempts)
            {
                // Another route took this access code; draw again.
            }
        }
    }

    /// <summary>The route with this id, or null.</summary>
    public Task<RouteDetails?> FindByIdAsync(Guid id, CancellationToken cancellationToken) =>
        FindAsync($"{SelectColumns} WHERE id = @id", new { id }, cancellationToken);

    /// <summary>The route with this (normalized) access code, or null.</summary>
    public Task<RouteDetails?> FindByAccessCodeAsync(string accessCode, CancellationToken cancellationToken) =>
        FindAsync($"{SelectColumns} WHERE access_code = @accessCode", new { accessCode }, cancellationToken);

    private async Task<RouteDetails?> FindAsync(string sql, object parameters, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<RouteRow>(new CommandDefinition(sql, parameters, cancellationToken: cancellationToken));
        return row?.ToDetails();
    }

    private sealed record RouteRow(
        Guid Id, string Name, string? Description, string AccessCode, string Waypoints, string DepartureTime,
        int? EstimatedDurationMinutes, DateTime CreatedAt)
    {
        public RouteDetails ToDetails() => new(
            Id, Name, Description, AccessCode, JsonSerializer.Deserialize<Waypoint[]>(Waypoints, JsonSerializerOptions.Web)!,
            DepartureTime,
            EstimatedDurationMinutes is { } minutes ? TimeSpan.FromMinutes(minutes).ToString(@"hh\:mm", CultureInfo.InvariantCulture) : null,
            PostgresTime.Utc(CreatedAt));
    }
}
