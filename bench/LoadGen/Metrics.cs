namespace OrleansRides.LoadGen;

/// <summary>One step's counts: unique deliveries, duplicates, out-of-order deliveries, errors, and the latencies of the
/// unique deliveries in milliseconds, sorted.</summary>
internal sealed record StepCounts(long Deliveries, long Duplicates, long OutOfOrder, long Errors, double[] SortedMs)
{
    /// <summary>The p-th percentile (0–100) as load.mjs takes it (the value at floor(p/100 × n)), 2 decimals; null when
    /// nothing was delivered.</summary>
    public double? Percentile(double p) =>
        SortedMs.Length == 0 ? null : Math.Round(SortedMs[Math.Min(SortedMs.Length - 1, (int)(p / 100 * SortedMs.Length))], 2);

    /// <summary>Deliveries missing: every send of the step should reach <paramref name="fanOut"/> receivers once.</summary>
    public long Lost(long sent, int fanOut) => Math.Max(0, sent * fanOut - Deliveries);
}

/// <summary>The counters of the step being measured. Deliveries of sends made outside the step's send window (warm-up or
/// the previous step's stragglers) are ignored. Thread-safe: every receive loop calls it.</summary>
internal sealed class DeliveryCounter
{
    private long _windowStart = long.MaxValue;
    private long _windowEnd = long.MaxValue;
    private long[] _latencies = new long[1024];
    private int _count;
    private long _duplicates;
    private long _outOfOrder;
    private long _errors;

    /// <summary>The counter every connection reports its errors to (one step is measured at a time).</summary>
    public static DeliveryCounter Current { get; } = new();

    /// <summary>Starts a step: counts reset, sends from now on are counted. <paramref name="capacity"/>: the deliveries
    /// expected (latencies beyond it are counted but not kept).</summary>
    public void Begin(int capacity)
    {
        _latencies = new long[Math.Max(1024, capacity)];
        _count = 0;
        _duplicates = 0;
        _outOfOrder = 0;
        _errors = 0;
        _windowEnd = long.MaxValue;
        _windowStart = Clock.Now;
    }

    /// <summary>The step's last send was made: later sends (none) are not counted.</summary>
    public void EndSends() => _windowEnd = Clock.Now;

    /// <summary>A failed send, a refused call or a connection lost during the step.</summary>
    public void Error() => Interlocked.Increment(ref _errors);

    /// <summary>Counts one delivery of a send made at <paramref name="sentTick"/>: a duplicate counts only as such; an
    /// out-of-order delivery counts as a delivery and as out of order.</summary>
    public void Delivery(long sentTick, bool duplicate, bool outOfOrder)
    {
        if (sentTick < _windowStart || sentTick > _windowEnd)
        {
            return;
        }
        var latency = Clock.Now - sentTick;
        if (duplicate)
        {
            Interlocked.Increment(ref _duplicates);
            return;
        }
        if (outOfOrder)
        {
            Interlocked.Increment(ref _outOfOrder);
        }
        var i = Interlocked.Increment(ref _count) - 1;
        var latencies = _latencies;
        if (i < latencies.Length)
        {
            latencies[i] = latency;
        }
    }

    /// <summary>The counts so far.</summary>
    public StepCounts Snapshot()
    {
        var n = Math.Min(Volatile.Read(ref _count), _latencies.Length);
        var ms = new double[n];
        for (var i = 0; i < n; i++)
        {
            ms[i] = Clock.Ms(_latencies[i]);
        }
        Array.Sort(ms);
        return new StepCounts(Volatile.Read(ref _count), Interlocked.Read(ref _duplicates), Interlocked.Read(ref _outOfOrder),
            Interlocked.Read(ref _errors), ms);
    }
}

/// <summary>What a receiver checks: ride positions (ordered by send tick, one leader per ride) or chat probes (ordered per
/// sender by sequence number).</summary>
internal enum DeliveryKind { Positions, Probes }

/// <summary>One receiving connection's order state. Called from that connection's receive loop only.</summary>
/// <param name="kind">Positions or probes.</param>
/// <param name="marker">Bytes a delivery record must contain, ASCII case ignored as SignalR clients match targets (a
/// strongly typed hub sends "LocationUpdated"); empty: any record.</param>
/// <param name="counter">Where deliveries are counted.</param>
internal sealed class Receiver(DeliveryKind kind, ReadOnlyMemory<byte> marker, DeliveryCounter counter)
{
    private long _lastTick;
    private readonly Dictionary<int, long> _lastSeq = [];

    /// <summary>One record (a SignalR invocation, a Socket.IO event's payload, a plain JSON frame).</summary>
    public void OnRecord(ReadOnlySpan<byte> record)
    {
        if (!marker.IsEmpty && !JsonScan.ContainsIgnoreCase(record, marker.Span))
        {
            return;
        }
        if (kind == DeliveryKind.Probes)
        {
            OnProbe(record);
            return;
        }
        var timestamp = JsonScan.StringValue(record, "\"timestamp\":\""u8);
        if (timestamp.IsEmpty || !Clock.TryParseIso(timestamp, out var tick))
        {
            return;
        }
        counter.Delivery(tick, tick == _lastTick, tick < _lastTick);
        _lastTick = Math.Max(_lastTick, tick);
    }

    private void OnProbe(ReadOnlySpan<byte> record)
    {
        var text = JsonScan.StringValue(record, "\"text\":\""u8);
        if (!JsonScan.TryParseProbe(text, out var sentTick, out var sender, out var seq))
        {
            return;
        }
        _lastSeq.TryGetValue(sender, out var last);
        counter.Delivery(sentTick, seq == last, seq < last);
        _lastSeq[sender] = Math.Max(last, seq);
    }
}
