using System.Collections.Concurrent;
using OrleansRides.Runtime;
using OrleansRides.Runtime.Cluster;

namespace OrleansRides.Cluster.Tests;

public interface IHeldReplyGrain : IGrainWithStringKey
{
    /// <summary>Releases its turn at once (as a chat send does while its group commit runs), then answers only when the
    /// test opens <see cref="HeldReplyGrain.Gate"/> for this key; returns the id of the silo that ran it.</summary>
    Task<string> Hold();
}

/// <summary>Keeps a call's reply back after its turn has ended, so that the silo can hand the grain off and mark itself
/// dead while the call is still in flight at its caller.</summary>
public sealed class HeldReplyGrain(ClusterIdentity identity) : Grain, IHeldReplyGrain
{
    private static readonly ConcurrentDictionary<string, HeldReply> Gates = new();

    /// <summary>The gate of the grain <paramref name="key"/>.</summary>
    public static HeldReply Gate(string key) => Gates.GetOrAdd(key, _ => new HeldReply());

    public async Task<string> Hold()
    {
        var gate = Gate(GrainKey);
        ReleaseTurn();
        gate.Started.TrySetResult();
        await gate.Open.Task;
        return identity.Id;
    }
}

public sealed class HeldReply
{
    public TaskCompletionSource Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public TaskCompletionSource Open { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}
