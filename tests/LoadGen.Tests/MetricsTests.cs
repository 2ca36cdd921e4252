using System.Text;

namespace OrleansRides.LoadGen.Tests;

public sealed class MetricsTests
{
    private static byte[] PositionRecord(long tick) =>
        Encoding.UTF8.GetBytes($"{{\"type\":1,\"target\":\"locationUpdated\",\"arguments\":[{{\"lat\":1,\"timestamp\":\"{Clock.Iso(tick)}\"}}]}}");

    private static byte[] ProbeRecord(long tick, int sender, long seq) =>
        Encoding.UTF8.GetBytes($"[\"new-message\",{{\"room\":\"r\",\"text\":\"{JsonScan.Probe(tick, sender, seq)}\"}}]");

    [Fact]
    public void Lost_is_what_never_arrived_of_every_send_times_its_fan_out()
    {
        var counter = new DeliveryCounter();
        counter.Begin(16);
        var tick = Clock.Now;
        for (var i = 0; i < 5; i++)
        {
            counter.Delivery(tick + i, duplicate: false, outOfOrder: false);
        }

        var counts = counter.Snapshot();

        Assert.Equal(5, counts.Deliveries);
        Assert.Equal(3, counts.Lost(sent: 4, fanOut: 2));
        Assert.Equal(0, counts.Lost(sent: 2, fanOut: 2));
    }

    [Fact]
    public void A_follower_counts_a_repeated_position_as_a_duplicate_and_an_older_one_as_out_of_order()
    {
        var counter = new DeliveryCounter();
        counter.Begin(16);
        var receiver = new Receiver(DeliveryKind.Positions, "\"target\":\"locationUpdated\""u8.ToArray(), counter);
        var first = Clock.Now;
        var second = first + 1000;

        receiver.OnRecord(PositionRecord(first));
        receiver.OnRecord(PositionRecord(second));
        receiver.OnRecord(PositionRecord(second));
        receiver.OnRecord(PositionRecord(first + 500));
        receiver.OnRecord("{\"type\":1,\"target\":\"followerCount\",\"arguments\":[{\"timestamp\":\"2026-01-01T00:00:00Z\"}]}"u8);
        var counts = counter.Snapshot();

        Assert.Equal((3L, 1L, 1L), (counts.Deliveries, counts.Duplicates, counts.OutOfOrder));
    }

    [Fact]
    public void A_strongly_typed_hub_target_matches_the_marker_ignoring_case()
    {
        var counter = new DeliveryCounter();
        counter.Begin(16);
        var receiver = new Receiver(DeliveryKind.Positions, "\"target\":\"locationUpdated\""u8.ToArray(), counter);

        receiver.OnRecord(Encoding.UTF8.GetBytes($"{{\"type\":1,\"target\":\"LocationUpdated\",\"arguments\":[{{\"timestamp\":\"{Clock.Iso(Clock.Now)}\"}}]}}"));

        Assert.Equal(1, counter.Snapshot().Deliveries);
    }

    [Fact]
    public void A_listener_checks_order_per_sender()
    {
        var counter = new DeliveryCounter();
        counter.Begin(16);
        var receiver = new Receiver(DeliveryKind.Probes, ReadOnlyMemory<byte>.Empty, counter);
        var tick = Clock.Now;

        receiver.OnRecord(ProbeRecord(tick, sender: 0, seq: 1));
        receiver.OnRecord(ProbeRecord(tick, sender: 1, seq: 1));
        receiver.OnRecord(ProbeRecord(tick, sender: 0, seq: 3));
        receiver.OnRecord(ProbeRecord(tick, sender: 0, seq: 2));
        receiver.OnRecord(ProbeRecord(tick, sender: 1, seq: 1));
        var counts = counter.Snapshot();

        Assert.Equal((4L, 1L, 1L), (counts.Deliveries, counts.Duplicates, counts.OutOfOrder));
    }

    [Fact]
    public void Deliveries_of_sends_made_before_the_step_are_ignored()
    {
        var counter = new DeliveryCounter();
        var before = Clock.Now;
        Thread.Sleep(2);
        counter.Begin(16);
        counter.Delivery(before, duplicate: false, outOfOrder: false);
        counter.Delivery(Clock.Now, duplicate: false, outOfOrder: false);
        counter.EndSends();
        Thread.Sleep(2);
        counter.Delivery(Clock.Now, duplicate: false, outOfOrder: false);

        Assert.Equal(1, counter.Snapshot().Deliveries);
    }

    [Fact]
    public void Errors_are_counted_and_reset_by_the_next_step()
    {
        var counter = new DeliveryCounter();
        counter.Begin(16);
        counter.Error();
        counter.Error();
        Assert.Equal(2, counter.Snapshot().Errors);

        counter.Begin(16);
        Assert.Equal(0, counter.Snapshot().Errors);
    }

    [Fact]
    public void Percentiles_are_taken_as_load_mjs_takes_them()
    {
        var counts = new StepCounts(100, 0, 0, 0, [.. Enumerable.Range(1, 100).Select(i => (double)i)]);

        Assert.Equal(51, counts.Percentile(50));
        Assert.Equal(100, counts.Percentile(99));
        Assert.Equal(1, counts.Percentile(0));
        Assert.Null(new StepCounts(0, 0, 0, 0, []).Percentile(99));
    }
}
