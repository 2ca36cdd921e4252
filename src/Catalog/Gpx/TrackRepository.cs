using Dapper;
using Npgsql;

namespace OrleansRides.Catalog.Gpx;

/// <summary>Reads the track linked to a scheduled ride (<c>rides.track_id</c> → <c>ride_track_points</c>).</summary>
public sealed class TrackRepository(NpgsqlDataSource dataSource)
{
    /// <summary>The points of the track linked to <paramref name="rideId"/>, oldest first; null when the ride has no track.</summary>
    public async Task<IReadOnlyList<GpxPoint>?> PointsOfRideAsync(Guid rideId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var trackId = await connection.ExecuteScalarAsync<Guid?>(new CommandDefinition(
            "SELECT track_id FROM rides WHERE id = @rideId", new { rideId }, cancellationToken: cancellationToken));
        if (trackId is null)
        {
            return null;
        }
        return [.. await connection.QueryAsync<GpxPoint>(new CommandDefinition(
            """
            SELECT lat AS Lat, lng AS Lng, recorded_at AS Time FROM ride_track_points WHERE track_id = @trackId ORDER BY seq
            """, new { trackId }, cancellationToken: cancellationToken))];
    }
}
