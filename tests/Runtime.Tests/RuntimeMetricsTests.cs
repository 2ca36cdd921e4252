using System.Diagnostics.Metrics;
using OrleansRides.Runtime.Activation;

namespace OrleansRides.Runtime.Tests;

/// <summary>The runtime's meters come from each host's <see cref="IMeterFactory"/>: a listener can tell one host's
/// measurements from another's in the same process.</summary>
public sealed class RuntimeMetricsTests
{
    [Fact]
    public async Task A_call_counts_one_grain_call_on_the_meter_of_its_own_host_only()
    {
        await using var runtime = new TestRuntime();
        await using var other = new TestRuntime();
        // Resolved before the listener starts: its callbacks run under the instruments' global lock, where resolving (and
        // so creating instruments) would deadlock.
        var meter = runtime.Metrics.Meter;
        var otherMeter = other.Metrics.Meter;
        var counted = new TaskCompletionSource<KeyValuePair<string, object?>[]>(TaskCreationOptions.RunContinuationsAsynchronously);
        long countedOnOther = 0;
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Name == "orleansrides.grain.calls" && (instrument.Meter == meter || instrument.Meter == otherMeter))
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            if (instrument.Meter == meter)
            {
                counted.TrySetResult(tags.ToArray());
            }
            else
            {
                Interlocked.Add(ref countedOnOther, value);
            }
        });
        listener.Start();

        await runtime.Factory.GetGrain<ITestGrain>("metered").Increment();

        // Recorded once the call's outcome is set, so it may land just after the caller resumes: await it, with a deadline.
        var tags = await counted.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(RuntimeMetrics.MeterName, meter.Name);
        Assert.Contains(new KeyValuePair<string, object?>("grain.type", GrainTypeRegistry.TypeNameOf(typeof(ITestGrain))), tags);
        Assert.Equal(0, Interlocked.Read(ref countedOnOther));
    }
}
