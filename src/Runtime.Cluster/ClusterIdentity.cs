namespace OrleansRides.Runtime.Cluster;

/// <summary>Whether this process hosts grains or only calls them.</summary>
public enum ClusterRole
{
    /// <summary>Hosts grain activations; registers in the membership table and heartbeats.</summary>
    Silo,
    /// <summary>Calls grains and receives topic events (a frontend); reads the membership table only.</summary>
    Client,
}

/// <summary>Who this process is in the cluster.</summary>
/// <param name="Id">Unique per process, for example <c>silo-3f2a91c0</c>.</param>
/// <param name="Role">Silo or client.</param>
public sealed record ClusterIdentity(string Id, ClusterRole Role)
{
    /// <summary>The auto-delete queue that receives calls (silos) and responses (everyone). The broker deletes it when the
    /// process's connection closes, which is how others learn of a crash before its heartbeats go stale.</summary>
    public string CallQueue => $"orleansrides.{Id}.calls";

    /// <summary>The exclusive queue that receives topic events (frontends).</summary>
    public string EventQueue => $"orleansrides.{Id}.events";

    /// <summary>A new identity with a random suffix.</summary>
    public static ClusterIdentity Create(ClusterRole role) =>
        new($"{(role == ClusterRole.Silo ? "silo" : "frontend")}-{Guid.NewGuid():N}"[..(role == ClusterRole.Silo ? 13 : 17)], role);
}
