using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace OrleansRides.Runtime.Storage;

/// <summary>PostgreSQL wiring: one <see cref="NpgsqlDataSource"/> for the process, and the <c>sql/</c> migrations applied
/// before the server takes requests.</summary>
public static class PostgresHosting
{
    /// <summary>How long opening a connection may take (Npgsql's <c>Timeout</c>, which also bounds the wait for a pooled
    /// connection): 5 s, not the 15 s default, so that a request fails quickly while the database is down.</summary>
    public static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(5);

    /// <summary>Used when neither <c>DATABASE_URL</c> nor <c>ConnectionStrings:Postgres</c> is set: the private instance
    /// that <c>./run</c> starts.</summary>
    public const string LocalDefault = "Host=127.0.0.1;Port=55432;Database=orleansrides;Username=postgres";

    /// <summary>Registers the data source from <c>DATABASE_URL</c> (URL or keyword form), else
    /// <c>ConnectionStrings:Postgres</c>, else <see cref="LocalDefault"/>; and the start-up migration.</summary>
    public static IHostApplicationBuilder AddPostgres(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton(sp =>
        {
            var configuration = sp.GetRequiredService<IConfiguration>();
            var configured = configuration["DATABASE_URL"] ?? configuration.GetConnectionString("Postgres") ?? LocalDefault;
            return NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(PostgresConnectionString.Normalize(configured))
            {
                // Fail a health check or request quickly when the database is down, rather than after the 15 s default.
                Timeout = (int)ConnectTimeout.TotalSeconds,
                // A pooled connection is handed on as it is, without a DISCARD ALL round trip before its next command, and
                // the statements run most often (track appends, checkpoints) are prepared once per connection: together
                // they took PostgreSQL's CPU per ride position by about a third (decision 172). The rule that comes with
                // it: whoever sets session state (a session advisory lock) resets it before returning the connection,
                // as SchemaMigrator and PeriodicJobLock do.
                NoResetOnClose = true,
                MaxAutoPrepare = 20,
            }.ConnectionString);
        });
        builder.Services.AddSingleton<SchemaMigrator>();
        builder.Services.AddSingleton<MigrationService>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<MigrationService>());
        return builder;
    }

    /// <summary>Migrates at start-up; when PostgreSQL is unreachable then, the process still starts (health says 503) and
    /// keeps retrying every 5 s.</summary>
    /// <param name="migrator">The migrator.</param>
    /// <param name="logger">Where failures are logged.</param>
    public sealed class MigrationService(SchemaMigrator migrator, ILogger<MigrationService> logger) : BackgroundService
    {
        private static readonly TimeSpan RetryInterval = TimeSpan.FromSeconds(5);
        private readonly TaskCompletionSource _migrated = new(TaskCreationOptions.RunContinuationsAsynchronously);

        /// <summary>Whether the schema is current.</summary>
        public bool IsMigrated => _migrated.Task.IsCompleted;

        /// <summary>Completes once the schema is current.</summary>
        public Task Migrated => _migrated.Task;

        /// <inheritdoc />
        public override async Task StartAsync(CancellationToken cancellationToken)
        {
            await TryMigrateAsync(cancellationToken);
            await base.StartAsync(cancellationToken);
        }

        /// <inheritdoc />
        protected override async Task ExecuteAsync(CancellationToken stoppingToken)
        {
            while (!IsMigrated && !stoppingToken.IsCancellationRequested)
            {
                await Task.Delay(RetryInterval, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
                await TryMigrateAsync(stoppingToken);
            }
        }

        private async Task TryMigrateAsync(CancellationToken cancellationToken)
        {
            try
            {
                await migrator.MigrateAsync(Path.Combine(AppContext.BaseDirectory, "sql"), cancellationToken);
                _migrated.TrySetResult();
            }
            catch (Exception ex) when (ex is NpgsqlException or TimeoutException or System.Net.Sockets.SocketException)
            {
                logger.LogWarning("PostgreSQL is unreachable ({Message}); migrations will be retried", ex.Message);
            }
        }
    }
}
