using OrleansRides.Catalog.Jobs;
using Quartz;

namespace OrleansRides.FrontendHost.Jobs;

/// <summary>The Quartz job that runs one <see cref="IPeriodicJob"/> (<typeparamref name="TJob"/>, a singleton) on each
/// firing of its triggers. Quartz keeps two firings of one job from overlapping in this frontend
/// (<see cref="DisallowConcurrentExecutionAttribute"/>); the job's advisory lock keeps two frontends from overlapping. A
/// firing that finds the lock taken does nothing; a failed run is logged and left to the next firing, never retried at
/// once (every job does "whatever is due now", so the next round catches up). Decision 141.</summary>
[DisallowConcurrentExecution]
public sealed partial class PeriodicJobRun<TJob>(TJob job, PeriodicJobLock jobLock, ILogger<PeriodicJobRun<TJob>> logger) : IJob
    where TJob : class, IPeriodicJob
{
    /// <inheritdoc />
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        var name = context.JobDetail.Key.Name;
        try
        {
            await using var held = await jobLock.TryAcquireAsync(name, cancellationToken);
            if (held is null)
            {
                LogHeldElsewhere(name);
                return;
            }
            await job.RunAsync(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Shutdown interrupted the run; every job is idempotent, so the next start simply does it again.
        }
        catch (Exception ex)
        {
            // Caught here rather than handed to Quartz: a thrown JobExecutionException would go to its retry and
            // error machinery, while the contract is simply "the next firing runs again".
            LogFailed(ex, name);
        }
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Warning, Message = "Periodic job {Job} failed; its next firing runs it again")]
    private partial void LogFailed(Exception exception, string job);

    [LoggerMessage(EventId = 2, Level = LogLevel.Debug, Message = "Periodic job {Job} skipped: another frontend is running it")]
    private partial void LogHeldElsewhere(string job);
}
