namespace OrleansRides.Catalog.Jobs;

/// <summary>A piece of periodic background work (recurring-ride expansion, session clean-up, digests). Every run must be
/// idempotent: a second run with nothing new to do changes nothing, so a job can be retried, run at start-up, or run by
/// several frontends of a cluster without harm. The frontend's scheduler (Quartz, registered with <c>AddPeriodicJob</c>)
/// runs it once at start-up and then every <c>Jobs:{name}:Interval</c>, never twice at once, and one frontend at a time
/// through a PostgreSQL advisory lock; a run that throws is logged and the next interval runs it again, so a job need not
/// catch its own failures. Tests call <see cref="RunAsync"/> directly (decisions 62, 141–143).</summary>
public interface IPeriodicJob
{
    /// <summary>Does one round of the work, as of now (the job's injected <see cref="TimeProvider"/>).</summary>
    /// <param name="cancellationToken">Signalled when the frontend shuts down; the round may stop early, as the next
    /// start runs the job again.</param>
    Task RunAsync(CancellationToken cancellationToken);
}
