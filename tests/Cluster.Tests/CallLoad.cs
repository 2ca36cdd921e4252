using System.Collections.Concurrent;
using System.Diagnostics;
using OrleansRides.Runtime;

namespace OrleansRides.Cluster.Tests;

/// <summary>Workers calling <see cref="ICounterGrain.Increment"/> on a set of grains until stopped, recording every outcome.</summary>
public sealed class CallLoad
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task[] _workers;

    public CallLoad(IGrainFactory grains, IReadOnlyList<string> keys, int workers = 8)
    {
        _workers = [.. Enumerable.Range(0, workers).Select(w => Task.Run(async () =>
        {
            for (var i = w; !_stop.IsCancellationRequested; i += workers)
            {
                var key = keys[i % keys.Count];
                var started = Stopwatch.GetTimestamp();
                try
                {
                    await grains.GetGrain<ICounterGrain>(key).Increment();
                    Successes.AddOrUpdate(key, 1, (_, n) => n + 1);
                }
                catch (GrainException ex)
                {
                    Failures.Add((key, ex.Code, Stopwatch.GetElapsedTime(started)));
                }
            }
        }))];
    }

    public ConcurrentDictionary<string, int> Successes { get; } = new();

    public ConcurrentBag<(string Key, string Code, TimeSpan After)> Failures { get; } = [];

    public int Total => Successes.Values.Sum();

    public async Task StopAsync()
    {
        await _stop.CancelAsync();
        await Task.WhenAll(_workers);
    }
}
