using OrleansRides.Runtime;
using OrleansRides.Runtime.Cluster;
using OrleansRides.Tests.Shared;

namespace OrleansRides.Cluster.Tests;

/// <summary>Interleavings of a graceful leave with calls in flight, made deterministic: a client that reads the table
/// only when told to, and a grain whose reply the test holds back after its turn has ended.</summary>
[Collection(ClusterCollection.Name)]
public sealed class GracefulLeaveRaceTests(TestDatabase database)
{
    [Fact]
    public async Task A_call_in_flight_to_a_silo_that_left_gracefully_is_answered_even_if_the_caller_never_saw_it_shutting_down()
    {
        await using var cluster = new TestCluster(database);
        var leaving = await cluster.StartSiloAsync();
        var staying = await cluster.StartSiloAsync();
        // No background re-reads: this client's view goes from "leaving is active" straight to "leaving is dead", as a
        // frontend's 0.5 s poll does whenever a hand-off takes less than one probe interval.
        var client = await cluster.StartClientAsync(new Dictionary<string, string?> { ["Cluster:ProbeInterval"] = "01:00:00" });
        Assert.Equal(2, client.Membership.Current.Active.Count);
        var key = Enumerable.Range(0, 100).Select(i => $"{Guid.NewGuid():N}"[..8] + $"-h{i}")
            .First(k => client.Membership.Current.OwnerOf(new GrainId("heldreply", k))!.SiloId == leaving.Id);
        var gate = HeldReplyGrain.Gate(key);

        var call = client.Grains.GetGrain<IHeldReplyGrain>(key).Hold();
        await gate.Started.Task.WaitAsync(TimeSpan.FromSeconds(10));
        // Its turn has ended, so the hand-off does not wait for it: the silo deactivates the grain and marks itself dead
        // while the reply is still to come (it keeps answering for three probe intervals after that).
        var stop = cluster.StopSiloAsync(leaving);
        await Eventually.TrueAsync(() => staying.Membership.Current.Silos.Any(s => s.SiloId == leaving.Id && s.Status == SiloStatus.Dead),
            "the leaving silo to mark itself dead");
        Assert.Contains(client.Membership.Current.Active, s => s.SiloId == leaving.Id);
        await client.Membership.RefreshAsync();
        gate.Open.TrySetResult();

        Assert.Equal(leaving.Id, await call);
        await stop;
    }
}
