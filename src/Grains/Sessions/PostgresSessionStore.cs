using Npgsql;

namespace OrleansRides.Grains.Sessions;

/// <summary><see cref="ISessionStore"/> on the <c>ride_interest</c> table (sql/011).</summary>
public sealed class PostgresSessionStore(NpgsqlDataSource dataSource) : ISessionStore
{
    /// <inheritdoc />
    public async Task<IReadOnlyList<Guid>> LoadInterestsAsync(Guid sessionId, int limit, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT ride_id FROM ride_interest WHERE session_id = $1 ORDER BY created_at DESC LIMIT $2");
        command.Parameters.AddWithValue(sessionId);
        command.Parameters.AddWithValue(limit);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rides = new List<Guid>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rides.Add(reader.GetGuid(0));
        }
        return rides;
    }
}
