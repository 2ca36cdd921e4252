using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace OrleansRides.Runtime;

/// <summary>The runtime's instruments, on the meter <c>OrleansRides.Runtime</c> (read them with <c>dotnet-counters</c>
/// or any <see cref="MeterListener"/>). Every instrument is tagged with the grain type.</summary>
public static class RuntimeMetrics
{
    /// <summary>The meter's name.</summary>
    public const string MeterName = "OrleansRides.Runtime";

    private static readonly Meter Meter = new(MeterName);
    private static readonly UpDownCounter<int> Activations = Meter.CreateUpDownCounter<int>("orleansrides.activations", description: "Live grain activations");
    private static readonly Counter<long> Calls = Meter.CreateCounter<long>("orleansrides.grain.calls", description: "Grain calls completed");
    private static readonly Histogram<double> CallDuration = Meter.CreateHistogram<double>("orleansrides.grain.call.duration", unit: "ms", description: "Time a call's turn took");
    private static readonly Counter<long> Publishes = Meter.CreateCounter<long>("orleansrides.topic.publishes", description: "Events published to topics");
    private static readonly Counter<long> Rejected = Meter.CreateCounter<long>("orleansrides.cluster.rejected", description: "Calls a silo rejected because it did not own the grain");
    private static readonly Counter<long> Retried = Meter.CreateCounter<long>("orleansrides.cluster.retries", description: "Calls retried under a refreshed view");
    private static readonly Counter<long> BrokerPublished = Meter.CreateCounter<long>("orleansrides.broker.published",
        description: "Messages this process published to RabbitMQ, by kind (request, response, event)");
    private static readonly Counter<long> BrokerReceived = Meter.CreateCounter<long>("orleansrides.broker.received",
        description: "Messages RabbitMQ delivered to this process, by kind (request, response, event)");

    /// <summary>Adds the per-process queue-depth gauge (<c>orleansrides.queue.depth</c>): calls and ticks waiting or running.</summary>
    internal static void ObserveQueueDepth(GrainRuntimeStatistics statistics) =>
        Meter.CreateObservableGauge("orleansrides.queue.depth", () => statistics.QueuedWork, description: "Calls and timer ticks queued in mailboxes");

    // The same figure as a gauge read at collection time: a listener that starts late (a Prometheus exporter) sees the
    // activations made before it, which the up-down counter's deltas cannot tell it.
    private static readonly ConcurrentDictionary<string, int> LiveActivations = new(StringComparer.Ordinal);
    private static readonly ObservableGauge<int> LiveActivationsGauge = Meter.CreateObservableGauge("orleansrides.activations.live",
        () => LiveActivations.Select(pair => new Measurement<int>(pair.Value, new KeyValuePair<string, object?>("grain.type", pair.Key))),
        description: "Live grain activations by grain type, read when collected");

    internal static void ActivationStarted(string grainType)
    {
        LiveActivations.AddOrUpdate(grainType, 1, (_, count) => count + 1);
        Activations.Add(1, new KeyValuePair<string, object?>("grain.type", grainType));
    }

    internal static void ActivationEnded(string grainType)
    {
        LiveActivations.AddOrUpdate(grainType, 0, (_, count) => count - 1);
        Activations.Add(-1, new KeyValuePair<string, object?>("grain.type", grainType));
    }

    internal static void CallCompleted(string grainType, TimeSpan duration)
    {
        var tag = new KeyValuePair<string, object?>("grain.type", grainType);
        Calls.Add(1, tag);
        CallDuration.Record(duration.TotalMilliseconds, tag);
    }

    internal static void Published() => Publishes.Add(1);

    internal static void RejectedNotOwner() => Rejected.Add(1);

    internal static void RetriedCall() => Retried.Add(1);

    internal static void BrokerMessagePublished(string kind) => BrokerPublished.Add(1, new KeyValuePair<string, object?>("kind", kind));

    internal static void BrokerMessageReceived(string kind) => BrokerReceived.Add(1, new KeyValuePair<string, object?>("kind", kind));
}
