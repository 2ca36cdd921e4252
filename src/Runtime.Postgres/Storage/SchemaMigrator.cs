using Dapper;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace OrleansRides.Runtime.Storage;

/// <summary>Applies the numbered <c>sql/NNN_name.sql</c> files in order, each once, each in its own transaction, recording
/// them in <c>schema_migrations</c>. A PostgreSQL advisory lock makes concurrent start-ups (several silos, parallel tests)
/// take turns instead of racing.</summary>
public sealed class SchemaMigrator(NpgsqlDataSource dataSource, ILogger<SchemaMigrator> logger)
{
    // Arbitrary constant shared by every process that migrates this database.
    private const long MigrationLockKey = 0x0_5264_6573;

    /// <summary>Applies the files of <paramref name="directory"/> that are not yet recorded.</summary>
    /// <returns>The file names applied by this call (empty when the schema was current).</returns>
    /// <exception cref="DirectoryNotFoundException">The directory does not exist.</exception>
    /// <exception cref="PostgresException">A migration failed; it was rolled back and later files were not applied.</exception>
    public async Task<IReadOnlyList<string>> MigrateAsync(string directory, CancellationToken cancellationToken)
    {
        var files = Directory.GetFiles(directory, "*.sql").OrderBy(Path.GetFileName, StringComparer.Ordinal).ToArray();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync("SELECT pg_advisory_lock(@MigrationLockKey)", new { MigrationLockKey });
        try
        {
            await connection.ExecuteAsync(
                """
                CREATE TABLE IF NOT EXISTS schema_migrations (
                    version text PRIMARY KEY,
                    applied_at timestamptz NOT NULL DEFAULT now())
                """);
            var applied = (await connection.QueryAsync<string>("SELECT version FROM schema_migrations")).ToHashSet();
            var appliedNow = new List<string>();
            foreach (var file in files)
            {
                var version = Path.GetFileName(file);
                if (applied.Contains(version))
                {
                    continue;
                }
                await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
                await connection.ExecuteAsync(await File.ReadAllTextAsync(file, cancellationToken), transaction: transaction);
                await connection.ExecuteAsync("INSERT INTO schema_migrations (version) VALUES (@version)", new { version }, transaction);
                await transaction.CommitAsync(cancellationToken);
                logger.LogInformation("Applied migration {Version}", version);
                appliedNow.Add(version);
            }
            return appliedNow;
        }
        finally
        {
            await connection.ExecuteAsync("SELECT pg_advisory_unlock(@MigrationLockKey)", new { MigrationLockKey });
        }
    }
}
