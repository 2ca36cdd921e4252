using Dapper;
using Npgsql;
using OrleansRides.GrainInterfaces.Rides;

namespace OrleansRides.Grains.Rides;

/// <summary><see cref="IRideStore"/> over the <c>routes</c>, <c>ride_tracks</c> and <c>ride_track_points</c> tables.</summary>
public sealed class PostgresRideStore(NpgsqlDataSource dataSource) : IRideStore
{
    /// <inheritdoc />
    public async Task<RideRoute?> FindRouteAsync(string accessCode, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<RideRoute>(new CommandDefinition(
            """
            SELECT id AS Id, name AS Name, leader_key_hash AS LeaderKeyHash FROM routes WHERE access_code = @accessCode
            """, new { accessCode }, cancellationToken: cancellationToken));
    }

    /// <inheritdoc />
    public async Task StartRideAsync(Guid trackId, Guid routeId, string accessCode, DateTimeOffset startedAt, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        // One statement, so a silo and an embedded frontend link alike and a crash cannot leave a track half linked.
        await connection.ExecuteAsync(new CommandDefinition(
            """
            WITH track AS (
                INSERT INTO ride_tracks (id, route_id, access_code, started_at) VALUES (@trackId, @routeId, @accessCode, @startedAt)
                ON CONFLICT (id) DO NOTHING
                RETURNING id)
            UPDATE rides SET status = 'live', track_id = (SELECT id FROM track), updated_at = @startedAt
            WHERE id = (SELECT id FROM rides
                        WHERE route_id = @routeId AND status = 'scheduled'
                          AND @startedAt BETWEEN start_time - interval '1 hour' AND end_time + interval '2 hours'
                        ORDER BY abs(extract(epoch FROM start_time - @startedAt)), id
                        LIMIT 1)
              AND EXISTS (SELECT 1 FROM track)
            """, new { trackId, routeId, accessCode, startedAt = startedAt.UtcDateTime }, cancellationToken: cancellationToken));
    }

    /// <inheritdoc />
    public async Task AppendTrackAsync(Guid trackId, IReadOnlyList<Position> points, CancellationToken cancellationToken)
    {
        if (points.Count == 0)
        {
            return;
        }
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        // unnest() turns the column arrays back into rows: one statement for the whole batch.
        await connection.ExecuteAsync(new CommandDefinition(
            """
            WITH inserted AS (
                INSERT INTO ride_track_points (track_id, seq, lat, lng, accuracy_m, heading_deg, speed_mps, recorded_at)
                SELECT @trackId, * FROM unnest(@Seq, @Lat, @Lng, @Accuracy, @Heading, @Speed, @Timestamp)
                ON CONFLICT (track_id, seq) DO NOTHING
                RETURNING 1)
            UPDATE ride_tracks SET point_count = point_count + (SELECT count(*) FROM inserted) WHERE id = @trackId
            """,
            new
            {
                trackId,
                Seq = points.Select(p => p.Seq).ToArray(),
                Lat = points.Select(p => p.Lat).ToArray(),
                Lng = points.Select(p => p.Lng).ToArray(),
                Accuracy = points.Select(p => p.Accuracy).ToArray(),
                Heading = points.Select(p => p.Heading).ToArray(),
                Speed = points.Select(p => p.Speed).ToArray(),
                Timestamp = points.Select(p => p.Timestamp.UtcDateTime).ToArray(),
            },
            cancellationToken: cancellationToken));
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<Position>> LoadTrackAfterAsync(Guid trackId, long afterSeq, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var newestFirst = await connection.QueryAsync<TrackPointRow>(new CommandDefinition(
            """
            SELECT lat AS Lat, lng AS Lng, accuracy_m AS Accuracy, heading_deg AS Heading, speed_mps AS Speed,
                   recorded_at AS RecordedAt, seq AS Seq
            FROM ride_track_points WHERE track_id = @trackId AND seq > @afterSeq
            ORDER BY seq DESC LIMIT @limit
            """, new { trackId, afterSeq, limit }, cancellationToken: cancellationToken));
        return [.. newestFirst.Reverse().Select(row => row.ToPosition())];
    }

    /// <inheritdoc />
    public async Task EndRideAsync(Guid trackId, DateTimeOffset endedAt, string reason, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            WITH ended AS (
                UPDATE ride_tracks SET ended_at = @endedAt, end_reason = @reason WHERE id = @trackId AND ended_at IS NULL
                RETURNING id)
            UPDATE rides SET status = 'completed', updated_at = @endedAt
            WHERE track_id IN (SELECT id FROM ended) AND status = 'live'
            """, new { trackId, endedAt = endedAt.UtcDateTime, reason }, cancellationToken: cancellationToken));
    }
}

/// <summary>A <c>ride_track_points</c> row as Dapper reads it.</summary>
internal sealed record TrackPointRow(double Lat, double Lng, double? Accuracy, double? Heading, double? Speed, DateTime RecordedAt, long Seq)
{
    public Position ToPosition() => new(Lat, Lng, Accuracy, Heading, Speed, Runtime.Storage.PostgresTime.Utc(RecordedAt), Seq);
}
