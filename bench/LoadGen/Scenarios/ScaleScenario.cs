namespace OrleansRides.LoadGen.Scenarios;

/// <summary>scale: per connection count, rides of F followers at a fixed rate for one step (deliveries/s, p99, CPU µs per
/// delivery, bytes per connection from RSS and heap); per idle ride count, bytes per ride with and beyond its leader's
/// connection. Every point closes all it opened and settles before the next, so that no socket or heap of one point counts
/// in another. Plan: <c>scale: { connections, followersPerRide, hz, stepSeconds, idleRides }</c> (load.mjs has already
/// cut the largest points for the systems not in <c>largestFor</c>), <c>settleMs</c>.</summary>
internal static class ScaleScenario
{
    public static async Task<object> RunAsync(ScenarioContext context)
    {
        var followersPerRide = (int)context.Number("followersPerRide");
        var hz = context.Number("hz");
        var points = new List<Dictionary<string, object?>>();
        foreach (var target in context.Numbers("connections"))
        {
            points.Add(await ConnectionPointAsync(context, (int)target, followersPerRide, hz).ConfigureAwait(false));
            Log.Line($"{points[^1]["connections"]} connections: {System.Text.Json.JsonSerializer.Serialize(points[^1])}");
        }
        var perConnectionRss = points.Count > 0 ? (double)points[^1]["bytesPerConnectionRss"]! : 0;
        var perConnectionHeap = points.Count > 0 ? (double?)points[^1]["bytesPerConnectionHeap"] : null;
        var idleRides = new List<object>();
        foreach (var rideCount in context.Numbers("idleRides"))
        {
            idleRides.Add(await IdleRidesPointAsync(context, (int)rideCount, perConnectionRss, perConnectionHeap).ConfigureAwait(false));
            Log.Step(idleRides[^1]);
        }
        return new { followersPerRide, hz, unit = "connections", points, idleRides };
    }

    private static async Task<Dictionary<string, object?>> ConnectionPointAsync(ScenarioContext context, int target, int followersPerRide, double hz)
    {
        var rideCount = Math.Max(1, (int)Math.Round(target / (double)(followersPerRide + 1)));
        var prepared = await RideSet.PrepareAsync(context, rideCount).ConfigureAwait(false);
        var baseline = await context.Memory.MeasureAsync().ConfigureAwait(false);
        var set = await RideSet.StartAsync(context, prepared).ConfigureAwait(false);
        await set.ConnectFollowersAsync(context, rideCount * followersPerRide, 100, Markers.Position(context.Options.Protocol)).ConfigureAwait(false);
        var connected = await context.Memory.MeasureAsync().ConfigureAwait(false);
        var step = await context.Steps.RunAsync(hz * rideCount, context.Number("stepSeconds"), rideCount, followersPerRide, set.SendNext).ConfigureAwait(false);
        step["rate"] = hz;
        await set.CloseAsync().ConfigureAwait(false);
        var connections = rideCount * (followersPerRide + 1);
        var point = new Dictionary<string, object?> { ["connections"] = connections, ["rides"] = rideCount };
        foreach (var (key, value) in step)
        {
            point[key] = value;
        }
        point["bytesPerConnectionRss"] = Math.Round((connected.RssBytes - baseline.RssBytes) / (double)connections);
        point["bytesPerConnectionHeap"] = IdleScenario.Round((connected.HeapBytes - baseline.HeapBytes) / (double?)connections);
        await Task.Delay(context.Options.SettleMs).ConfigureAwait(false);
        return point;
    }

    private static async Task<object> IdleRidesPointAsync(ScenarioContext context, int rideCount, double perConnectionRss, double? perConnectionHeap)
    {
        var prepared = await RideSet.PrepareAsync(context, rideCount).ConfigureAwait(false);
        var baseline = await context.Memory.MeasureAsync().ConfigureAwait(false);
        var set = await RideSet.StartAsync(context, prepared).ConfigureAwait(false);
        var withRides = await context.Memory.MeasureAsync().ConfigureAwait(false);
        await set.CloseAsync().ConfigureAwait(false);
        // Both: with its leader's connection (measured here alone), and beyond it (less the largest connection point's
        // per-connection figure, which is noise when the points are small).
        var withLeaderRss = (withRides.RssBytes - baseline.RssBytes) / (double)rideCount;
        var withLeaderHeap = (withRides.HeapBytes - baseline.HeapBytes) / (double?)rideCount;
        await Task.Delay(context.Options.SettleMs).ConfigureAwait(false);
        return new
        {
            rides = rideCount,
            bytesPerRideWithLeaderRss = Math.Round(withLeaderRss), bytesPerRideRss = Math.Round(withLeaderRss - perConnectionRss),
            bytesPerRideWithLeaderHeap = IdleScenario.Round(withLeaderHeap), bytesPerRideHeap = IdleScenario.Round(withLeaderHeap - perConnectionHeap),
        };
    }
}
