using System.Collections.Concurrent;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using OrleansRides.Catalog.Jobs;
using OrleansRides.FrontendHost.Infrastructure;
using OrleansRides.FrontendHost.Jobs;
using OrleansRides.Tests.Shared;
using Quartz;

namespace OrleansRides.FrontendHost.Tests;

/// <summary>The Quartz scheduler behind <see cref="PeriodicJobs.AddPeriodicJob{TJob}"/>, on a bare host (no frontend,
/// so no other job touches the database) against real PostgreSQL for the advisory lock. Each test uses job names of
/// its own, so their locks never meet.</summary>
[Collection(FrontendCollection.Name)]
public sealed class PeriodicJobSchedulerTests(TestDatabase database)
{
    private static readonly TimeSpan LongInterval = TimeSpan.FromHours(1);

    [Fact]
    public async Task A_registered_job_runs_when_the_scheduler_starts()
    {
        var name = UniqueName("start");
        await using var host = await StartAsync(builder => builder.AddPeriodicJob<CountingJob>(name, LongInterval));

        // The interval is an hour, so a run within the deadline can only be the start-up run.
        var job = host.Services.GetRequiredService<CountingJob>();
        await Eventually.TrueAsync(() => job.Runs >= 1, "the start-up run");
        Assert.Equal(1, job.Runs);
    }

    [Fact]
    public async Task A_job_runs_again_after_the_interval_its_setting_gives_and_never_overlaps_itself()
    {
        var name = UniqueName("interval");
        var logs = new CapturingLoggerProvider();
        await using var host = await StartAsync(
            builder => builder.AddPeriodicJob<CountingJob>(name, LongInterval),
            new() { [$"Jobs:{name}:Interval"] = "00:00:00.200" }, logs);

        var job = host.Services.GetRequiredService<CountingJob>();
        await Eventually.TrueAsync(() => job.Runs >= 3, "the start-up run and two interval runs");
        // Each run takes longer than the interval. An overlapping firing would either run beside it or, finding the
        // advisory lock its own frontend holds, be logged as skipped: the scheduler must hold it back instead.
        Assert.Equal(1, job.MaxConcurrentRuns);
        Assert.DoesNotContain(logs.Entries, entry => entry.Message.Contains(name) && entry.Message.Contains("skipped"));
    }

    [Fact]
    public async Task Several_jobs_share_one_scheduler_and_each_runs()
    {
        string first = UniqueName("first"), second = UniqueName("second");
        await using var host = await StartAsync(builder => builder
            .AddPeriodicJob<CountingJob>(first, LongInterval)
            .AddPeriodicJob<FailingOnceJob>(second, LongInterval));

        var scheduler = await host.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        Assert.True(await scheduler.Exists(new JobKey(first)));
        Assert.True(await scheduler.Exists(new JobKey(second)));
        await Eventually.TrueAsync(
            () => host.Services.GetRequiredService<CountingJob>().Runs >= 1 && host.Services.GetRequiredService<FailingOnceJob>().Runs >= 1,
            "both start-up runs");
    }

    [Fact]
    public async Task A_failed_run_is_logged_and_the_next_firing_runs_the_job_again()
    {
        var name = UniqueName("failing");
        var logs = new CapturingLoggerProvider();
        await using var host = await StartAsync(
            builder => builder.AddPeriodicJob<FailingOnceJob>(name, LongInterval),
            new() { [$"Jobs:{name}:Interval"] = "00:00:00.200" }, logs);

        var job = host.Services.GetRequiredService<FailingOnceJob>();
        await Eventually.TrueAsync(() => job.Runs >= 2, "a run after the failed one");
        var failure = Assert.Single(logs.Entries, entry => entry.Level == LogLevel.Warning && entry.Message.Contains(name));
        Assert.Contains("failed", failure.Message);
        Assert.IsType<InvalidOperationException>(failure.Exception);
    }

    [Fact]
    public async Task A_job_whose_lock_another_frontend_holds_is_skipped_until_the_lock_is_free()
    {
        var name = UniqueName("locked");
        var logs = new CapturingLoggerProvider();
        // "Another frontend": a session of its own holding the job's advisory lock.
        await using var otherFrontend = await database.DataSource.OpenConnectionAsync();
        Assert.True(await AdvisoryAsync(otherFrontend, "SELECT pg_try_advisory_lock(@key)", name));

        await using var host = await StartAsync(
            builder => builder.AddPeriodicJob<CountingJob>(name, LongInterval),
            new() { [$"Jobs:{name}:Interval"] = "00:00:00.200" }, logs);
        var job = host.Services.GetRequiredService<CountingJob>();
        await Eventually.TrueAsync(
            () => logs.Entries.Count(entry => entry.Message.Contains(name) && entry.Message.Contains("skipped")) >= 2,
            "two firings that found the lock taken");
        Assert.Equal(0, job.Runs);

        Assert.True(await AdvisoryAsync(otherFrontend, "SELECT pg_advisory_unlock(@key)", name));
        await Eventually.TrueAsync(() => job.Runs >= 1, "a run once the other frontend let go");
    }

    [Fact]
    public async Task Jobs_Enabled_false_schedules_nothing_and_still_registers_the_job_for_tests()
    {
        var name = UniqueName("disabled");
        await using var host = await StartAsync(
            builder => builder.AddPeriodicJob<CountingJob>(name, TimeSpan.FromMilliseconds(200)),
            new() { ["Jobs:Enabled"] = "false" });

        Assert.Null(host.Services.GetService<ISchedulerFactory>());
        Assert.DoesNotContain(host.Services.GetServices<IHostedService>(), service => service.GetType().Namespace!.StartsWith("Quartz"));
        var job = host.Services.GetRequiredService<CountingJob>();
        Assert.Equal(0, job.Runs);
        await job.RunAsync(CancellationToken.None);
        Assert.Equal(1, job.Runs);
    }

    [Fact]
    public void A_non_positive_interval_fails_at_registration()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Jobs:bad:Interval"] = "00:00:00" });
        var error = Assert.Throws<InvalidOperationException>(() => builder.AddPeriodicJob<CountingJob>("bad", LongInterval));
        Assert.Contains("Jobs:bad:Interval", error.Message);
    }

    private static string UniqueName(string what) => $"test-{what}-{Guid.NewGuid():N}";

    private static async Task<bool> AdvisoryAsync(NpgsqlConnection connection, string sql, string jobName)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("key", PeriodicJobLock.KeyOf(jobName));
        return await command.ExecuteScalarAsync() is true;
    }

    private static async Task<RunningHost> StartAsync(
        Action<IHostApplicationBuilder> addJobs, Dictionary<string, string?>? settings = null, CapturingLoggerProvider? logs = null)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(settings ?? []);
        if (logs is not null)
        {
            // The skip is logged at Debug, under the frontend's appsettings.json (copied beside the tests) minimum.
            builder.Logging.AddProvider(logs).AddFilter<CapturingLoggerProvider>("OrleansRides", LogLevel.Debug);
        }
        builder.Services.AddSingleton(_ => NpgsqlDataSource.Create(TestDatabase.ConnectionString));
        addJobs(builder);
        var host = builder.Build();
        await host.StartAsync();
        return new RunningHost(host);
    }

    private sealed class RunningHost(IHost host) : IAsyncDisposable
    {
        public IServiceProvider Services => host.Services;

        public async ValueTask DisposeAsync()
        {
            await host.StopAsync();
            host.Dispose();
        }
    }

    /// <summary>Counts its runs and the most runs seen at once.</summary>
    public sealed class CountingJob : IPeriodicJob
    {
        private int _running;
        private int _runs;
        private int _maxConcurrent;

        public int Runs => Volatile.Read(ref _runs);

        public int MaxConcurrentRuns => Volatile.Read(ref _maxConcurrent);

        public async Task RunAsync(CancellationToken cancellationToken)
        {
            var running = Interlocked.Increment(ref _running);
            InterlockedMax(ref _maxConcurrent, running);
            // Long enough against a 200 ms interval that an overlapping firing would be caught here.
            await Task.Delay(TimeSpan.FromMilliseconds(300), cancellationToken);
            Interlocked.Decrement(ref _running);
            Interlocked.Increment(ref _runs);
        }

        private static void InterlockedMax(ref int target, int value)
        {
            int seen;
            while ((seen = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen)
            {
            }
        }
    }

    /// <summary>Throws on its first run, succeeds after.</summary>
    public sealed class FailingOnceJob : IPeriodicJob
    {
        private int _runs;

        public int Runs => Volatile.Read(ref _runs);

        public Task RunAsync(CancellationToken cancellationToken) =>
            Interlocked.Increment(ref _runs) == 1
                ? throw new InvalidOperationException("the first run fails")
                : Task.CompletedTask;
    }

    private sealed record LogEntry(string Category, LogLevel Level, string Message, Exception? Exception);

    private sealed class CapturingLoggerProvider : ILoggerProvider
    {
        public ConcurrentQueue<LogEntry> Entries { get; } = new();

        public ILogger CreateLogger(string categoryName) => new Logger(categoryName, Entries);

        public void Dispose()
        {
        }

        private sealed class Logger(string category, ConcurrentQueue<LogEntry> entries) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                entries.Enqueue(new LogEntry(category, logLevel, formatter(state, exception), exception));
        }
    }
}
