using Dapper;
using Npgsql;
using OrleansRides.GrainInterfaces.Rides;
using OrleansRides.Runtime.Persistence;
using OrleansRides.Runtime.Storage;

namespace OrleansRides.Grains.Rides;

/// <summary><see cref="IRideStore"/> over the <c>routes</c>, <c>ride_tracks</c> and <c>ride_track_points</c> tables.</summary>
public sealed class PostgresRideStore(NpgsqlDataSource dataSource) : IRideStore
{
    // Refused rows are the grains' to log and count (FlushTrackOrKeepAsync): the failed task carries the error to them.
    private readonly GroupCommit<TrackAppend> _appends = new(
        appends => WriteAppendsAsync(dataSource, appends), _ => Task.CompletedTask, PostgresErrors.IsDataError, (_, _) => { });

    // One ride's append: the points are copied, so the grain may clear its queue once the task completes.
    private sealed record TrackAppend(Guid TrackId, Position[] Points);

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
    /// <remarks>Goes through a group commit shared by every ride of this process: appends that arrive while one INSERT is in
    /// flight are written together in the next, so PostgreSQL commits once per batch instead of once per ride and second
    /// (decision 161). Completes once this ride's points are stored; a data error fails this ride's append alone (the batch
    /// is split), an unavailable server fails the whole batch. <paramref name="cancellationToken"/> is not observed once the
    /// append is queued: a shared statement cannot be cancelled for one ride.</remarks>
    public Task AppendTrackAsync(Guid trackId, IReadOnlyList<Position> points, CancellationToken cancellationToken) =>
        points.Count == 0 ? Task.CompletedTask : _appends.AddAsync(new TrackAppend(trackId, [.. points]));

    // unnest() turns the column arrays back into rows: one statement for every ride's points of the batch, and each
    // track's point_count raised by what was actually inserted.
    private static async Task WriteAppendsAsync(NpgsqlDataSource dataSource, IReadOnlyList<TrackAppend> appends)
    {
        var points = appends.SelectMany(append => append.Points, (append, point) => (append.TrackId, Point: point)).ToArray();
        await using var connection = await dataSource.OpenConnectionAsync();
        await connection.ExecuteAsync(
            """
            WITH inserted AS (
                INSERT INTO ride_track_points (track_id, seq, lat, lng, accuracy_m, heading_deg, speed_mps, recorded_at)
                SELECT * FROM unnest(@TrackId, @Seq, @Lat, @Lng, @Accuracy, @Heading, @Speed, @Timestamp)
                ON CONFLICT (track_id, seq) DO NOTHING
                RETURNING track_id),
            added AS (SELECT track_id, count(*) AS points FROM inserted GROUP BY track_id)
            UPDATE ride_tracks SET point_count = point_count + added.points FROM added WHERE ride_tracks.id = added.track_id
            """,
            new
            {
                TrackId = Array.ConvertAll(points, p => p.TrackId),
                Seq = Array.ConvertAll(points, p => p.Point.Seq),
                Lat = Array.ConvertAll(points, p => p.Point.Lat),
                Lng = Array.ConvertAll(points, p => p.Point.Lng),
                Accuracy = Array.ConvertAll(points, p => p.Point.Accuracy),
                Heading = Array.ConvertAll(points, p => p.Point.Heading),
                Speed = Array.ConvertAll(points, p => p.Point.Speed),
                Timestamp = Array.ConvertAll(points, p => p.Point.Timestamp.UtcDateTime),
            });
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
