namespace OrleansRides.Runtime.Cluster;

/// <summary>Cluster settings, bound from the <c>Cluster</c> section (environment: <c>CLUSTER__RABBITMQURL=...</c>).</summary>
public sealed class ClusterOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "Cluster";

    /// <summary>Names this cluster: its membership rows, table version and topic exchange. Clusters sharing a database or a
    /// broker must differ. Default <c>orleansrides</c>.</summary>
    public string ClusterId { get; set; } = "orleansrides";

    /// <summary>The broker. Default: the private instance <c>./run cluster</c> starts on 127.0.0.1:5673.</summary>
    public string RabbitMqUrl { get; set; } = "amqp://guest:guest@127.0.0.1:5673/";

    /// <summary>How often a silo writes its heartbeat. Default 1 s.</summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>A silo whose last heartbeat is older than this (database clock) is declared dead. Default 3.5 s, so that with
    /// <see cref="ProbeInterval"/> a crash is detected within about 4 s, under our 5 s target (Orleans' defaults take ~15 s).</summary>
    public TimeSpan DeathTimeout { get; set; } = TimeSpan.FromSeconds(3.5);

    /// <summary>The AMQP heartbeat timeout asked of the broker. Default 3 s (RabbitMQ's own default is 60 s): the broker
    /// closes a connection after two missed heartbeat intervals, about twice this, and with it the process's auto-delete
    /// call queue — which is what lets the other silos declare a process cut off from the broker dead while it still
    /// reaches PostgreSQL (issue 8's partition test; 5 s took 10.4 s there).</summary>
    public TimeSpan BrokerHeartbeat { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>How often each node re-reads the membership table. Default 0.5 s.</summary>
    public TimeSpan ProbeInterval { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>How long dead rows are kept for operators to see. Default 5 min.</summary>
    public TimeSpan DeadRowRetention { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Pause before a caller retries a retryable failure (the view may be changing). Default 100 ms.</summary>
    public TimeSpan RetryBackoff { get; set; } = TimeSpan.FromMilliseconds(100);
}
