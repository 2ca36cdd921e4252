using System.Globalization;
using Dapper;
using Npgsql;

namespace OrleansRides.Runtime.Persistence;

/// <summary>Grain state in the <c>grain_state</c> table (see <c>sql/002_grain_state.sql</c>): one jsonb row per
/// (grain type, key), with an integer version as the ETag, as Orleans' ADO.NET storage does.</summary>
public sealed class PostgresGrainStorage(NpgsqlDataSource dataSource) : IGrainStorage
{
    /// <inheritdoc />
    public async Task<StoredState?> ReadAsync(GrainId grain, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<(string Payload, long Version)?>(new CommandDefinition(
            """
            SELECT payload::text, version FROM grain_state WHERE grain_type = @Type AND grain_key = @Key
            """, new { grain.Type, grain.Key }, cancellationToken: cancellationToken));
        return row is { } found ? new StoredState(found.Payload, found.Version.ToString(CultureInfo.InvariantCulture)) : null;
    }

    /// <inheritdoc />
    public async Task<string> WriteAsync(GrainId grain, string json, string? expectedEtag, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var sql = expectedEtag is null
            ? """
              INSERT INTO grain_state (grain_type, grain_key, payload, version, updated_at)
              VALUES (@Type, @Key, @Json::jsonb, 1, now())
              ON CONFLICT (grain_type, grain_key) DO NOTHING
              RETURNING version
              """
            : """
              UPDATE grain_state SET payload = @Json::jsonb, version = version + 1, updated_at = now()
              WHERE grain_type = @Type AND grain_key = @Key AND version = @Expected
              RETURNING version
              """;
        var version = await connection.QuerySingleOrDefaultAsync<long?>(new CommandDefinition(
            sql, new { grain.Type, grain.Key, Json = json, Expected = ParseEtag(expectedEtag) }, cancellationToken: cancellationToken));
        return version?.ToString(CultureInfo.InvariantCulture) ?? throw new InconsistentStateException(grain, expectedEtag);
    }

    /// <inheritdoc />
    public async Task ClearAsync(GrainId grain, string? expectedEtag, CancellationToken cancellationToken)
    {
        if (expectedEtag is null)
        {
            return;
        }
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var deleted = await connection.ExecuteAsync(new CommandDefinition(
            """
            DELETE FROM grain_state WHERE grain_type = @Type AND grain_key = @Key AND version = @Expected
            """, new { grain.Type, grain.Key, Expected = ParseEtag(expectedEtag) }, cancellationToken: cancellationToken));
        if (deleted == 0)
        {
            throw new InconsistentStateException(grain, expectedEtag);
        }
    }

    private static long? ParseEtag(string? etag) => etag is null ? null : long.Parse(etag, CultureInfo.InvariantCulture);
}
