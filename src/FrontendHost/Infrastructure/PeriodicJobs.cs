using System.Security.Cryptography;
using System.Text;
using Npgsql;
using OrleansRides.Catalog.Jobs;

namespace OrleansRides.FrontendHost.Infrastructure;

/// <summary>Runs the catalog's <see cref="IPeriodicJob"/>s as hosted services: each at start-up and then every
/// <c>Jobs:{name}:Interval</c> (a TimeSpan). <c>Jobs:Enabled=false</c> turns them all off (the HTTP tests do, and call
/// the jobs themselves). Decision 62.</summary>
public static class PeriodicJobs
{
    /// <summary>Registers <typeparamref name="TJob"/> (a singleton, so tests can resolve and run it) and, unless jobs are
    /// disabled, a hosted service running it under <paramref name="name"/> every <c>Jobs:{name}:Interval</c>, default
    /// <paramref name="defaultInterval"/>.</summary>
    public static IHostApplicationBuilder AddPeriodicJob<TJob>(this IHostApplicationBuilder builder, string name, TimeSpan defaultInterval)
        where TJob : class, IPeriodicJob
    {
        builder.Services.AddSingleton<TJob>();
        if (builder.Configuration.GetValue("Jobs:Enabled", true))
        {
            var interval = builder.Configuration.GetValue($"Jobs:{name}:Interval", defaultInterval);
            builder.Services.AddSingleton<IHostedService>(services => new Runner(
                name, interval, services.GetRequiredService<TJob>(), services.GetRequiredService<NpgsqlDataSource>(),
                services.GetRequiredService<TimeProvider>(), services.GetRequiredService<ILogger<TJob>>()));
        }
        return builder;
    }

    /// <summary>Runs one job on a timer. A run is skipped when another frontend holds the job's advisory lock; a failed run
    /// is logged and the next interval tries again.</summary>
    private sealed class Runner(
        string name, TimeSpan interval, IPeriodicJob job, NpgsqlDataSource dataSource, TimeProvider time, ILogger logger)
        : BackgroundService
    {
        private readonly long _lockKey = BitConverter.ToInt64(SHA256.HashData(Encoding.UTF8.GetBytes("periodic-job:" + name)));

        protected override async Task ExecuteAsync(CancellationToken stoppingToken)
        {
            using var timer = new PeriodicTimer(interval, time);
            do
            {
                await RunOnceAsync(stoppingToken);
            }
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
        }

        private async Task RunOnceAsync(CancellationToken stoppingToken)
        {
            try
            {
                await using var connection = await dataSource.OpenConnectionAsync(stoppingToken);
                if (!await ExecuteLockAsync(connection, "SELECT pg_try_advisory_lock(@key)", stoppingToken))
                {
                    return;
                }
                try
                {
                    await job.RunAsync(stoppingToken);
                }
                finally
                {
                    // A session-level lock also goes when the connection closes; unlocking keeps the pooled connection clean.
                    await ExecuteLockAsync(connection, "SELECT pg_advisory_unlock(@key)", CancellationToken.None);
                }
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(ex, "Periodic job {Job} failed; it runs again in {Interval}", name, interval);
            }
        }

        private async Task<bool> ExecuteLockAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
        {
            await using var command = new NpgsqlCommand(sql, connection);
            command.Parameters.AddWithValue("key", _lockKey);
            return await command.ExecuteScalarAsync(cancellationToken) is true;
        }
    }
}
