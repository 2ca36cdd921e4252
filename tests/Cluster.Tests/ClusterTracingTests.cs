using System.Diagnostics;
using OrleansRides.Runtime;
using OrleansRides.Tests.Shared;

namespace OrleansRides.Cluster.Tests;

/// <summary>A call from a frontend through RabbitMQ to a silo is one trace: the W3C context travels in the request.</summary>
[Collection(ClusterCollection.Name)]
public sealed class ClusterTracingTests(TestDatabase database)
{
    [Fact]
    public async Task A_call_from_a_client_gives_a_server_span_on_the_silo_whose_parent_is_the_clients_span()
    {
        var key = $"{Guid.NewGuid():N}"[..8] + "-traced";
        await using var cluster = new TestCluster(database);
        var silo = await cluster.StartSiloAsync();
        var client = await cluster.StartClientAsync();
        await Eventually.TrueAsync(() => client.Membership.Current.OwnerOf(new GrainId("counter", key)) is not null, "the client sees the silo");
        using var spans = new SpanRecorder($"counter/{key}");

        Assert.Equal(silo.Id, await client.Grains.GetGrain<ICounterGrain>(key).Silo());

        var clientSpan = await spans.SpanAsync(ActivityKind.Client);
        var serverSpan = await spans.SpanAsync(ActivityKind.Server);
        Assert.Equal(clientSpan.TraceId, serverSpan.TraceId);
        Assert.Equal(clientSpan.SpanId, serverSpan.ParentSpanId);
        // Parsed from the request, not inherited in process: the context crossed the broker.
        Assert.True(serverSpan.HasRemoteParent);
        Assert.Equal(silo.Id, Assert.Single(cluster.Activations()[new GrainId("counter", key)]));
    }
}
