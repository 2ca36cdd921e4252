namespace OrleansRides.LoadGen.Scenarios;

/// <summary>rides: R rides × F followers, each leader sending at each plan rate (Hz per leader) in turn until a step
/// fails twice. Plan: <c>rides: { rides, followers, ratesHz, stepSeconds }</c>, <c>warmupSeconds</c>.</summary>
internal static class RidesScenario
{
    public static async Task<object> RunAsync(ScenarioContext context)
    {
        var rideCount = (int)context.Number("rides");
        var followers = (int)context.Number("followers");
        var set = await RideSet.StartAsync(context, await RideSet.PrepareAsync(context, rideCount).ConfigureAwait(false)).ConfigureAwait(false);
        await set.ConnectFollowersAsync(context, rideCount * followers, 100, Markers.Position(context.Options.Protocol)).ConfigureAwait(false);
        var steps = await StepRunner.LadderAsync(context.Numbers("ratesHz"), context.Options.WarmupSeconds,
            context.Number("stepSeconds"),
            async (hz, seconds) =>
            {
                var step = await context.Steps.RunAsync(hz * rideCount, seconds, rideCount, followers, set.SendNext).ConfigureAwait(false);
                step["rate"] = hz;
                return step;
            }).ConfigureAwait(false);
        await set.CloseAsync().ConfigureAwait(false);
        return new { rides = rideCount, followersPerRide = followers, connections = rideCount * (followers + 1), unit = "Hz per leader", steps };
    }
}
