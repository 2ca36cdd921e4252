namespace OrleansRides.Runtime.Cluster;

/// <summary>Direct evidence that a silo's process is gone, apart from its heartbeat: in this cluster, its call queue
/// missing from the broker (<see cref="RabbitMqSiloProber"/>).</summary>
public interface ISiloProber
{
    /// <summary>How long this node's own link to the evidence (its broker connection) has been up; null while it is down.
    /// Evidence is trusted only once this exceeds the death timeout, because after a broker restart every node re-declares
    /// its queue on recovery, one after another.</summary>
    TimeSpan? ConnectedFor { get; }

    /// <summary>Whether <paramref name="silo"/> can still receive calls.</summary>
    Task<bool> IsReachableAsync(SiloEntry silo, CancellationToken cancellationToken);
}

/// <summary>Probes a silo by its call queue: a passive declare that the broker answers with 404 once the queue is gone
/// (auto-delete queues vanish with their connection).</summary>
public sealed class RabbitMqSiloProber(RabbitMqTransport transport) : ISiloProber
{
    /// <inheritdoc />
    public TimeSpan? ConnectedFor => transport.ConnectedFor;

    /// <inheritdoc />
    public Task<bool> IsReachableAsync(SiloEntry silo, CancellationToken cancellationToken) =>
        transport.QueueExistsAsync(silo.Queue, cancellationToken);
}
