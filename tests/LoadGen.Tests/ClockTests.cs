using System.Diagnostics;
using System.Text;

namespace OrleansRides.LoadGen.Tests;

public sealed class ClockTests
{
    [Fact]
    public void A_send_tick_survives_the_iso_timestamp_round_trip_to_within_100_ns()
    {
        var tick = Clock.Now;
        var iso = Clock.Iso(tick);

        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{7}Z$", iso);
        Assert.True(Clock.TryParseIso(Encoding.ASCII.GetBytes(iso), out var back));
        Assert.InRange(Math.Abs(back - tick), 0, Stopwatch.Frequency / 10_000_000.0 + 1);
    }

    [Fact]
    public void Ticks_turn_into_milliseconds()
    {
        Assert.Equal(1000, Clock.Ms(Stopwatch.Frequency), 6);
    }

    [Fact]
    public void What_is_not_a_timestamp_is_refused()
    {
        Assert.False(Clock.TryParseIso("yesterday"u8, out _));
        Assert.False(Clock.TryParseIso(Encoding.ASCII.GetBytes(new string('1', 60)), out _));
    }

    [Fact]
    public void A_chat_probe_round_trips()
    {
        var text = JsonScan.Probe(123456789012345, 7, 42);

        Assert.True(JsonScan.TryParseProbe(Encoding.ASCII.GetBytes(text), out var tick, out var sender, out var seq));
        Assert.Equal((123456789012345L, 7, 42L), (tick, sender, seq));
        Assert.False(JsonScan.TryParseProbe("hello there"u8, out _, out _, out _));
    }
}
