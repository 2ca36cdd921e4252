namespace OrleansRides.Catalog.Jobs;

/// <summary>A piece of periodic background work (recurring-ride expansion, session clean-up, digests). Every run must be
/// idempotent: a second run with nothing new to do changes nothing, so a job can be retried, run at start-up, or run by
/// several frontends of a cluster without harm (the scheduler also keeps two frontends from running the same job at the
/// same moment, through a PostgreSQL advisory lock). Tests call <see cref="RunAsync"/> directly.</summary>
public interface IPeriodicJob
{
    /// <summary>Does one round of the work, as of now (the job's injected <see cref="TimeProvider"/>).</summary>
    Task RunAsync(CancellationToken cancellationToken);
}
