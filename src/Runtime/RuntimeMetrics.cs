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

    internal static void ActivationStarted(string grainType) => Activations.Add(1, new KeyValuePair<string, object?>("grain.type", grainType));

    internal static void ActivationEnded(string grainType) => Activations.Add(-1, new KeyValuePair<string, object?>("grain.type", grainType));

    internal static void CallCompleted(string grainType, TimeSpan duration)
    {
        var tag = new KeyValuePair<string, object?>("grain.type", grainType);
        Calls.Add(1, tag);
        CallDuration.Record(duration.TotalMilliseconds, tag);
    }

    internal static void Published() => Publishes.Add(1);
}
