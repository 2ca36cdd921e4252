using System.Diagnostics;

namespace OrleansRides.LoadGen.Scenarios;

/// <summary>Runs measured steps: sends on one scheduler thread at a fixed rate, then the drain, then the step's figures
/// (load.mjs's names; see README.md for each).</summary>
internal sealed class StepRunner(IReadOnlyList<int> appPids, IReadOnlyList<int> infraPids, int drainMs, DeliveryCounter counter)
{
    /// <summary>A step fails above this p99 (ms), as load.mjs's P99_LIMIT_MS.</summary>
    public const double P99LimitMs = 100;

    // A send is on schedule when made within 5 ms of its planned time (decision 147).
    private static readonly long OnScheduleTicks = Stopwatch.Frequency / 200;

    /// <summary>Makes <paramref name="ratePerSecond"/> sends per second in all for <paramref name="seconds"/>, send j by
    /// sender j mod <paramref name="senders"/> at start + j / rate; each send should reach <paramref name="fanOut"/>
    /// receivers. Late sends are made at once, never skipped.</summary>
    public async Task<Dictionary<string, object?>> RunAsync(double ratePerSecond, double seconds, int senders, int fanOut, Action<int> send)
    {
        var expected = (long)Math.Round(ratePerSecond * seconds);
        counter.Begin((int)Math.Min(int.MaxValue / 2, expected * fanOut * 11 / 10));
        var before = ProcStat.Usage(appPids);
        var infraBefore = ProcStat.Usage(infraPids);
        var generatorBefore = ProcStat.OwnCpuSeconds();
        var (start, sent, onSchedule) = await Task.Factory.StartNew(() => SendAll(expected, ratePerSecond, seconds, senders, send),
            CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default).ConfigureAwait(false);
        counter.EndSends();
        var elapsed = Clock.Ms(Clock.Now - start) / 1000;
        var generatorCpu = ProcStat.OwnCpuSeconds() - generatorBefore;
        await Task.Delay(drainMs).ConfigureAwait(false);
        var after = ProcStat.Usage(appPids);
        var infraAfter = ProcStat.Usage(infraPids);
        var counts = counter.Snapshot();
        var serverCpu = after.CpuSeconds - before.CpuSeconds;
        var infraCpu = infraAfter.CpuSeconds - infraBefore.CpuSeconds;
        return new Dictionary<string, object?>
        {
            ["rate"] = ratePerSecond, ["seconds"] = Math.Round(elapsed, 2), ["sendsExpected"] = expected, ["sent"] = sent,
            ["sendsOnSchedulePercent"] = sent == 0 ? null : Math.Round(100.0 * onSchedule / sent, 1),
            ["deliveries"] = counts.Deliveries, ["deliveriesPerSecond"] = Math.Round(counts.Deliveries / elapsed),
            ["lost"] = counts.Lost(sent, fanOut), ["duplicates"] = counts.Duplicates, ["outOfOrder"] = counts.OutOfOrder,
            ["errors"] = counts.Errors,
            ["p50Ms"] = counts.Percentile(50), ["p99Ms"] = counts.Percentile(99),
            ["maxMs"] = counts.SortedMs.Length == 0 ? null : Math.Round(counts.SortedMs[^1], 2),
            ["serverCpuPercent"] = Math.Round(serverCpu / elapsed * 100, 1), ["infraCpuPercent"] = Math.Round(infraCpu / elapsed * 100, 1),
            // The comparable cost (decision 151): server and services CPU µs per delivery, drain included.
            ["cpuMicrosPerDelivery"] = counts.Deliveries == 0 ? null : Math.Round((serverCpu + infraCpu) * 1e6 / counts.Deliveries, 2),
            ["rssMb"] = Math.Round(after.RssBytes / 1048576.0),
            ["generatorCpuPercent"] = Math.Round(generatorCpu / elapsed * 100, 1),
        };
    }

    /// <summary>Whether a step ends the ladder (after its retry): p99 over the limit or none, anything lost, any error.</summary>
    public static bool Fails(Dictionary<string, object?> step) =>
        step["p99Ms"] is not double p99 || p99 > P99LimitMs || (long)step["lost"]! > 0 || (long)step["errors"]! > 0;

    /// <summary>Runs the steps in order after an unrecorded warm-up at the first rate (the JIT compiles the hot paths in
    /// the first seconds), until one fails twice in a row (one collector pause spoils a step on 2 cores; both attempts
    /// are kept, the first as <c>firstAttempt</c>).</summary>
    public static async Task<List<Dictionary<string, object?>>> LadderAsync(IReadOnlyList<double> rates, double warmupSeconds,
        double stepSeconds, Func<double, double, Task<Dictionary<string, object?>>> runOne)
    {
        await runOne(rates[0], warmupSeconds).ConfigureAwait(false);
        var steps = new List<Dictionary<string, object?>>();
        foreach (var rate in rates)
        {
            var step = await runOne(rate, stepSeconds).ConfigureAwait(false);
            Log.Step(step);
            if (Fails(step))
            {
                var again = await runOne(rate, stepSeconds).ConfigureAwait(false);
                again["firstAttempt"] = step;
                Log.Step(again);
                step = again;
            }
            steps.Add(step);
            if (Fails(step))
            {
                break;
            }
        }
        return steps;
    }

    private static (long Start, long Sent, long OnSchedule) SendAll(long expected, double ratePerSecond, double seconds, int senders, Action<int> send)
    {
        // The schedule starts on the scheduler thread itself: starting that thread may take longer than 5 ms on a busy machine.
        var start = Clock.Now;
        var period = Stopwatch.Frequency / ratePerSecond;
        long onSchedule = 0;
        for (long j = 0; j < expected; j++)
        {
            var planned = start + (long)(j * period);
            WaitUntil(planned);
            if (Clock.Now - planned <= OnScheduleTicks)
            {
                onSchedule++;
            }
            send((int)(j % senders));
        }
        // The step lasts its full length: the last send is planned one period before its end.
        WaitUntil(start + (long)(seconds * Stopwatch.Frequency));
        return (start, expected, onSchedule);
    }

    private static void WaitUntil(long tick)
    {
        while (true)
        {
            var left = tick - Clock.Now;
            if (left <= 0)
            {
                return;
            }
            // Sleep only, never spin: a send counts as on schedule within 5 ms and Thread.Sleep(1) overshoots by about
            // 0.1 ms, while spinning the last 2 ms before each send took most of the generator's core at 200 sends/s
            // (generator CPU 55 % at 4,000 deliveries/s, 75 % at 8,000) from the receive loops sharing that core.
            // Latency is measured from the tick written into each send, so a later send does not shorten it.
            Thread.Sleep(1);
        }
    }
}
