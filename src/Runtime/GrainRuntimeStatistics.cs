using OrleansRides.Runtime.Activation;

namespace OrleansRides.Runtime;

/// <summary>Live figures of this process's grain runtime, for status pages and gauges.</summary>
public sealed class GrainRuntimeStatistics
{
    private readonly ActivationCatalog _catalog;

    internal GrainRuntimeStatistics(ActivationCatalog catalog) => _catalog = catalog;

    /// <summary>Activations living in this process.</summary>
    public int ActivationCount => _catalog.Count;

    /// <summary>Calls and timer ticks waiting or running in this process's mailboxes (the queue depth).</summary>
    public int QueuedWork => _catalog.Activations.Sum(a => a.QueueLength);
}
