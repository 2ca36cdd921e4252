using System.Text.Json.Nodes;
using OrleansRides.LoadGen.Clients;

namespace OrleansRides.LoadGen.Scenarios;

/// <summary>What every scenario uses: the system's client adapter, the options, the track, the step runner and the
/// memory probe.</summary>
internal sealed record ScenarioContext(ISystemClient Client, LoadGenOptions Options, IReadOnlyList<(double Lat, double Lng)> Track,
    StepRunner Steps, MemoryProbe Memory)
{
    /// <summary>The counter every receiver of this run reports to.</summary>
    public DeliveryCounter Counter => DeliveryCounter.Current;

    /// <summary>This scenario's object of the plan (checked to exist by <see cref="LoadGenOptions.Parse"/>).</summary>
    public JsonObject ScenarioPlan => Options.Plan[Options.Scenario]!.AsObject();

    /// <summary>A number of the scenario's plan object; throws <see cref="UsageException"/> when it is missing.</summary>
    public double Number(string name) => Plan.Number(ScenarioPlan, $"{Options.Scenario}.{name}", name);

    /// <summary>A list of numbers of the scenario's plan object; throws <see cref="UsageException"/> when it is missing or empty.</summary>
    public double[] Numbers(string name) =>
        ScenarioPlan[name] is JsonArray { Count: > 0 } values ? [.. values.Select(v => v!.GetValue<double>())]
            : throw new UsageException($"--plan: {Options.Scenario}.{name} must be a non-empty list of numbers");
}

/// <summary>Reading numbers from the plan JSON with typed errors.</summary>
internal static class Plan
{
    /// <summary>The number <paramref name="name"/> of <paramref name="objectNode"/>; <paramref name="path"/> names it in
    /// the error.</summary>
    public static double Number(JsonObject objectNode, string path, string name) =>
        objectNode[name] is JsonValue value && value.TryGetValue<double>(out var number) ? number
            : throw new UsageException($"--plan: {path} must be a number");
}

/// <summary>Opens things in batches so that neither side is flooded with handshakes (load.mjs's inBatches).</summary>
internal static class Batches
{
    /// <summary>Runs <paramref name="open"/> for 0…count−1, <paramref name="size"/> at a time, results in index order.</summary>
    public static async Task<List<T>> OpenAsync<T>(int count, int size, Func<int, Task<T>> open)
    {
        var opened = new List<T>(count);
        for (var i = 0; i < count; i += size)
        {
            opened.AddRange(await Task.WhenAll(Enumerable.Range(i, Math.Min(size, count - i)).Select(open)).ConfigureAwait(false));
        }
        return opened;
    }

    /// <summary>Closes every connection (each within 5 s).</summary>
    public static Task CloseAsync(IEnumerable<Connection> connections) =>
        Task.WhenAll(connections.Select(connection => connection.DisposeAsync().AsTask()));
}
