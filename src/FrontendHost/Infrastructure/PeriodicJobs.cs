using Microsoft.Extensions.DependencyInjection.Extensions;
using OrleansRides.Catalog.Jobs;
using OrleansRides.FrontendHost.Jobs;
using Quartz;

namespace OrleansRides.FrontendHost.Infrastructure;

/// <summary>The one place the platform's periodic work is scheduled: every <see cref="IPeriodicJob"/> is a job of this
/// frontend's Quartz scheduler (in-memory store), run once at start-up and then every <c>Jobs:{name}:Interval</c> (a
/// TimeSpan), never two runs of one job at once, and one frontend of a cluster at a time through the job's PostgreSQL
/// advisory lock. <c>Jobs:Enabled=false</c> schedules nothing (the HTTP tests do, and call the jobs themselves).
/// Decisions 62, 141–143.</summary>
public static class PeriodicJobs
{
    /// <summary>Registers <typeparamref name="TJob"/> (a singleton, so tests can resolve and run it) and, unless jobs are
    /// disabled, schedules it under <paramref name="name"/> every <c>Jobs:{name}:Interval</c>, default
    /// <paramref name="defaultInterval"/>, plus once when the scheduler starts.</summary>
    /// <exception cref="InvalidOperationException">The interval is not positive, or a job of that name is registered
    /// twice.</exception>
    public static IHostApplicationBuilder AddPeriodicJob<TJob>(this IHostApplicationBuilder builder, string name, TimeSpan defaultInterval)
        where TJob : class, IPeriodicJob
    {
        builder.Services.AddSingleton<TJob>();
        if (!builder.Configuration.GetValue("Jobs:Enabled", true))
        {
            return builder;
        }
        var interval = builder.Configuration.GetValue($"Jobs:{name}:Interval", defaultInterval);
        if (interval <= TimeSpan.Zero)
        {
            throw new InvalidOperationException($"Jobs:{name}:Interval must be a positive TimeSpan, not {interval}.");
        }
        AddScheduler(builder.Services);
        if (!RegisteredNames(builder.Services).Add(name))
        {
            throw new InvalidOperationException($"A periodic job named {name} is already registered.");
        }
        var key = new JobKey(name);
        // AddQuartz is additive for the default scheduler: each call contributes its jobs to the one scheduler.
        builder.Services.AddQuartz(quartz =>
        {
            quartz.ScheduleJob<PeriodicJobRun<TJob>>(
                (services, trigger) => trigger
                    .WithIdentity(name)
                    .StartAt(services.GetRequiredService<TimeProvider>().GetUtcNow() + interval)
                    // A round missed (the previous run was still going, or the process was paused) is dropped, not
                    // caught up: the next run does whatever is due by then.
                    .WithSimpleSchedule(schedule => schedule
                        .WithInterval(interval).RepeatForever()
                        .WithMisfireInstruction(SimpleTriggerMisfireInstruction.NextWithRemainingCount)),
                (_, job) => job.WithIdentity(key));
            quartz.RunAtStartup(key);
        });
        return builder;
    }

    private static void AddScheduler(IServiceCollection services)
    {
        if (services.Any(service => service.ServiceType == typeof(JobNames)))
        {
            return;
        }
        services.AddSingleton(new JobNames());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<PeriodicJobLock>();
        // Quartz takes the container's TimeProvider for its own clock, the one the jobs are given.
        services.AddQuartz(quartz => quartz
            .UseInMemoryStore(_ => { })
            .ConfigureScheduler(scheduler => scheduler.ShutdownJobInterruption = ShutdownJobInterruption.WhenWaitingForJobs));
        // Shutdown asks running jobs to stop (their cancellation token) and waits for them, so none is cut off holding
        // its lock connection.
        services.AddQuartzHostedService(options => options.WaitForJobsToComplete = true);
    }

    private static JobNames RegisteredNames(IServiceCollection services) =>
        (JobNames)services.Single(service => service.ServiceType == typeof(JobNames)).ImplementationInstance!;

    /// <summary>The job names scheduled so far, so a name given twice fails at start-up rather than replacing a job.</summary>
    private sealed class JobNames : HashSet<string>;
}
