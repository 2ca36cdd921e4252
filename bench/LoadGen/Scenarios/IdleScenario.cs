namespace OrleansRides.LoadGen.Scenarios;

/// <summary>idle: R rides with their leaders, then F followers spread over them, no traffic; memory (RSS, and the live heap
/// when a heap command is given) read after each phase. Plan: <c>idle: { followers, rides }</c>, <c>settleMs</c>.</summary>
internal static class IdleScenario
{
    public static async Task<object> RunAsync(ScenarioContext context)
    {
        var followers = (int)context.Number("followers");
        var rideCount = (int)context.Number("rides");
        // Routes are catalog rows, not live state: created before the baseline.
        var prepared = await RideSet.PrepareAsync(context, rideCount).ConfigureAwait(false);
        var baseline = await context.Memory.MeasureAsync().ConfigureAwait(false);
        var set = await RideSet.StartAsync(context, prepared).ConfigureAwait(false);
        var withRides = await context.Memory.MeasureAsync().ConfigureAwait(false);
        await set.ConnectFollowersAsync(context, followers, 100, Markers.Position(context.Options.Protocol)).ConfigureAwait(false);
        var withFollowers = await context.Memory.MeasureAsync().ConfigureAwait(false);
        await set.CloseAsync().ConfigureAwait(false);
        var perConnectionRss = (withFollowers.RssBytes - withRides.RssBytes) / (double)followers;
        var perConnectionHeap = (withFollowers.HeapBytes - withRides.HeapBytes) / (double?)followers;
        var result = new
        {
            followers, rides = rideCount,
            baselineRssMb = Mb(baseline.RssBytes), ridesRssMb = Mb(withRides.RssBytes), rssMb = Mb(withFollowers.RssBytes),
            bytesPerConnection = Math.Round(perConnectionRss),
            // Each ride came with one connection (its leader); what remains is the ride itself.
            bytesPerRide = Math.Round((withRides.RssBytes - baseline.RssBytes) / (double)rideCount - perConnectionRss),
            baselineHeapMb = Mb(baseline.HeapBytes), ridesHeapMb = Mb(withRides.HeapBytes), heapMb = Mb(withFollowers.HeapBytes),
            bytesPerConnectionHeap = Round(perConnectionHeap),
            bytesPerRideHeap = Round((withRides.HeapBytes - baseline.HeapBytes) / (double?)rideCount - perConnectionHeap),
        };
        Log.Step(result);
        return result;
    }

    internal static double? Mb(long? bytes) => bytes is null ? null : Math.Round(bytes.Value / 1048576.0);

    internal static double? Round(double? value) => value is null ? null : Math.Round(value.Value);
}
