namespace OrleansRides.LoadGen;

/// <summary>The current step's counters. Deliveries of sends made outside the step (warm-up stragglers) are ignored.</summary>
internal static class Metrics
{
    private static long _start = long.MaxValue;
    private static long _end = long.MaxValue;
    private static long[] _latencies = new long[1024];
    private static int _count;
    private static long _duplicates, _outOfOrder, _errors;

    public static void Begin(int capacity)
    {
        _latencies = new long[Math.Max(1024, capacity)];
        _count = 0; _duplicates = 0; _outOfOrder = 0; _errors = 0;
        _end = long.MaxValue;
        _start = Clock.Now;
    }

    public static void EndSends() => _end = Clock.Now;

    public static void Error() => Interlocked.Increment(ref _errors);

    /// <summary>Counts one delivery of a send made at <paramref name="sentTick"/>.</summary>
    public static void Delivery(long sentTick, bool duplicate, bool outOfOrder)
    {
        if (sentTick < _start || sentTick > _end) return;
        var latency = Clock.Now - sentTick;
        if (duplicate) { Interlocked.Increment(ref _duplicates); return; }
        if (outOfOrder) Interlocked.Increment(ref _outOfOrder);
        var i = Interlocked.Increment(ref _count) - 1;
        if (i < _latencies.Length) _latencies[i] = latency;
    }

    /// <summary>Unique deliveries, duplicates, out of order, errors and the sorted latencies in ms.</summary>
    public static (long Deliveries, long Duplicates, long OutOfOrder, long Errors, double[] SortedMs) Snapshot()
    {
        var n = Math.Min(_count, _latencies.Length);
        var ms = new double[n];
        for (var i = 0; i < n; i++) ms[i] = Clock.Ms(_latencies[i]);
        Array.Sort(ms);
        return (_count, Interlocked.Read(ref _duplicates), Interlocked.Read(ref _outOfOrder), Interlocked.Read(ref _errors), ms);
    }
}

/// <summary>One receiving connection's order state: rides order by send tick (one leader per ride); rooms by sender seq.</summary>
internal sealed class Receiver
{
    private long _lastTick;
    private readonly Dictionary<int, long> _lastSeq = [];

    /// <summary>A SignalR server invocation: locationUpdated (timestamp) or newMessage (probe text).</summary>
    public void OnSignalR(ReadOnlySpan<byte> record) => OnJson(record);

    /// <summary>Any JSON carrying a "timestamp" (positions) or a probe "text".</summary>
    public void OnJson(ReadOnlySpan<byte> json)
    {
        var text = JsonScan.StringValue(json, "\"text\":\""u8);
        if (!text.IsEmpty && JsonScan.TryParseProbe(text, out var sentTick, out var sender, out var seq))
        {
            lock (_lastSeq)
            {
                _lastSeq.TryGetValue(sender, out var last);
                Metrics.Delivery(sentTick, seq == last, seq < last);
                if (seq > last) _lastSeq[sender] = seq;
            }
            return;
        }
        var timestamp = JsonScan.StringValue(json, "\"timestamp\":\""u8);
        if (timestamp.IsEmpty || !Clock.TryParseIso(timestamp, out var tick)) return;
        Metrics.Delivery(tick, tick == _lastTick, tick < _lastTick);
        if (tick > _lastTick) _lastTick = tick;
    }
}
