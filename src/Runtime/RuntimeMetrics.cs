using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace OrleansRides.Runtime;

/// <summary>The runtime's instruments, on the meter <c>OrleansRides.Runtime</c> created by the host's
/// <see cref="IMeterFactory"/> (one singleton per container, so each host and test has its own; read them with
/// <c>dotnet-counters</c> or a <see cref="MeterListener"/> filtered on <see cref="Meter"/>). Every instrument is tagged
/// with the grain type.</summary>
public sealed class RuntimeMetrics
{
    /// <summary>The meter's name.</summary>
    public const string MeterName = "OrleansRides.Runtime";

    private readonly UpDownCounter<int> _activations;
    private readonly Counter<long> _calls;
    private readonly Histogram<double> _callDuration;
    private readonly Counter<long> _publishes;
    private readonly Counter<long> _rejected;
    private readonly Counter<long> _retried;
    private readonly Counter<long> _brokerPublished;
    private readonly Counter<long> _brokerReceived;
    // The same figure as a gauge read at collection time: a listener that starts late (a Prometheus exporter) sees the
    // activations made before it, which the up-down counter's deltas cannot tell it.
    private readonly ConcurrentDictionary<string, int> _liveActivations = new(StringComparer.Ordinal);

    /// <summary>Creates the instruments on <paramref name="meterFactory"/>'s meter <see cref="MeterName"/>.</summary>
    public RuntimeMetrics(IMeterFactory meterFactory)
    {
        Meter = meterFactory.Create(MeterName);
        _activations = Meter.CreateUpDownCounter<int>("orleansrides.activations", description: "Live grain activations");
        _calls = Meter.CreateCounter<long>("orleansrides.grain.calls", description: "Grain calls completed");
        _callDuration = Meter.CreateHistogram<double>("orleansrides.grain.call.duration", unit: "ms", description: "Time a call's turn took");
        _publishes = Meter.CreateCounter<long>("orleansrides.topic.publishes", description: "Events published to topics");
        _rejected = Meter.CreateCounter<long>("orleansrides.cluster.rejected", description: "Calls a silo rejected because it did not own the grain");
        _retried = Meter.CreateCounter<long>("orleansrides.cluster.retries", description: "Calls retried under a refreshed view");
        _brokerPublished = Meter.CreateCounter<long>("orleansrides.broker.published",
            description: "Messages this process published to RabbitMQ, by kind (request, response, event)");
        _brokerReceived = Meter.CreateCounter<long>("orleansrides.broker.received",
            description: "Messages RabbitMQ delivered to this process, by kind (request, response, event)");
        Meter.CreateObservableGauge("orleansrides.activations.live",
            () => _liveActivations.Select(pair => new Measurement<int>(pair.Value, new KeyValuePair<string, object?>("grain.type", pair.Key))),
            description: "Live grain activations by grain type, read when collected");
    }

    /// <summary>This container's meter <see cref="MeterName"/> (a listener tells it from other hosts' meters of the same
    /// name by reference).</summary>
    public Meter Meter { get; }

    /// <summary>Adds the per-process queue-depth gauge (<c>orleansrides.queue.depth</c>): calls and ticks waiting or running.</summary>
    internal void ObserveQueueDepth(GrainRuntimeStatistics statistics) =>
        Meter.CreateObservableGauge("orleansrides.queue.depth", () => statistics.QueuedWork, description: "Calls and timer ticks queued in mailboxes");

    internal void ActivationStarted(string grainType)
    {
        _liveActivations.AddOrUpdate(grainType, 1, (_, count) => count + 1);
        _activations.Add(1, new KeyValuePair<string, object?>("grain.type", grainType));
    }

    internal void ActivationEnded(string grainType)
    {
        _liveActivations.AddOrUpdate(grainType, 0, (_, count) => count - 1);
        _activations.Add(-1, new KeyValuePair<string, object?>("grain.type", grainType));
    }

    internal void CallCompleted(string grainType, TimeSpan duration)
    {
        var tag = new KeyValuePair<string, object?>("grain.type", grainType);
        _calls.Add(1, tag);
        _callDuration.Record(duration.TotalMilliseconds, tag);
    }

    internal void Published() => _publishes.Add(1);

    internal void RejectedNotOwner() => _rejected.Add(1);

    internal void RetriedCall() => _retried.Add(1);

    internal void BrokerMessagePublished(string kind) => _brokerPublished.Add(1, new KeyValuePair<string, object?>("kind", kind));

    internal void BrokerMessageReceived(string kind) => _brokerReceived.Add(1, new KeyValuePair<string, object?>("kind", kind));
}
