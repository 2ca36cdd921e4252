using System.Security.Cryptography;
using System.Text;
using Npgsql;

namespace OrleansRides.FrontendHost.Jobs;

/// <summary>The cluster-wide "one frontend at a time" guard of a periodic job: a PostgreSQL session advisory lock whose
/// key is derived from the job's name, held on one pooled connection for the length of a run (decision 62, kept by
/// decision 142).</summary>
public sealed class PeriodicJobLock(NpgsqlDataSource dataSource)
{
    /// <summary>The advisory lock key of the job called <paramref name="jobName"/>: the first 8 bytes of
    /// SHA-256("periodic-job:" + name), the same on every frontend and every version since decision 62.</summary>
    public static long KeyOf(string jobName) =>
        BitConverter.ToInt64(SHA256.HashData(Encoding.UTF8.GetBytes("periodic-job:" + jobName)));

    /// <summary>Takes the job's lock without waiting. Returns the held lock (dispose it to release it), or null when
    /// another session, usually another frontend's run of the same job, holds it.</summary>
    public async Task<IAsyncDisposable?> TryAcquireAsync(string jobName, CancellationToken cancellationToken)
    {
        var key = KeyOf(jobName);
        var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        try
        {
            if (await ExecuteAsync(connection, "SELECT pg_try_advisory_lock(@key)", key, cancellationToken))
            {
                return new Held(connection, key);
            }
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
        await connection.DisposeAsync();
        return null;
    }

    private static async Task<bool> ExecuteAsync(NpgsqlConnection connection, string sql, long key, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("key", key);
        return await command.ExecuteScalarAsync(cancellationToken) is true;
    }

    private sealed class Held(NpgsqlConnection connection, long key) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            try
            {
                // A session-level lock also goes when the connection closes; unlocking keeps the pooled connection clean.
                await ExecuteAsync(connection, "SELECT pg_advisory_unlock(@key)", key, CancellationToken.None);
            }
            finally
            {
                await connection.DisposeAsync();
            }
        }
    }
}
