using System.Collections.Concurrent;
using System.Text.Json.Serialization;
using OrleansRides.Runtime;
using OrleansRides.Runtime.Persistence;

namespace OrleansRides.Runtime.Tests;

public interface ITestGrain : IGrainWithStringKey
{
    Task<int> Increment();
    Task<int> Get();
    Task Append(int value);
    Task<IReadOnlyList<int>> Appended();
    Task Probe();
    Task Fail();
    Task Hang(TimeSpan duration);
    Task StartTimer(TimeSpan period);
    Task Deactivate();
    Task KeepAlive(TimeSpan duration);
    ValueTask<string> Echo(string text);
    Task<int> IncrementThenWaitOutsideTurn();
}

public interface IFlakyActivationGrain : IGrainWithStringKey
{
    Task<string> Ping();
}

public interface IBrokenActivationGrain : IGrainWithStringKey
{
    Task Ping();
}

public interface IUnregisteredGrain : IGrainWithStringKey
{
    Task Ping();
}

public sealed class CounterState
{
    public int Count { get; set; }
}

[JsonSerializable(typeof(CounterState))]
public sealed partial class TestJsonContext : JsonSerializerContext;

/// <summary>What the test grains observed, shared across activations.</summary>
public sealed class Recorder
{
    private int _inFlight;
    private int _maxInFlight;
    public ConcurrentDictionary<string, int> Activations { get; } = new();
    public ConcurrentDictionary<string, int> Deactivations { get; } = new();
    public ConcurrentQueue<DeactivationReason> DeactivationReasons { get; } = new();
    public int MaxInFlight => _maxInFlight;
    public int TimerTicks;
    public int ProbeCalls;
    public TaskCompletionSource Gate { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public async Task ProbeAsync()
    {
        var now = Interlocked.Increment(ref _inFlight);
        InterlockedMax(ref _maxInFlight, now);
        await Task.Yield();
        Interlocked.Decrement(ref _inFlight);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while ((seen = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }
}

public sealed class TestGrain(IPersistentState<CounterState> state, Recorder recorder) : Grain, ITestGrain
{
    private readonly List<int> _appended = [];

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        recorder.Activations.AddOrUpdate(GrainKey, 1, (_, n) => n + 1);
        return Task.CompletedTask;
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        recorder.DeactivationReasons.Enqueue(reason);
        // Saved only here, so a reactivation that sees the count proves deactivation saved it.
        await state.WriteStateAsync(cancellationToken);
        recorder.Deactivations.AddOrUpdate(GrainKey, 1, (_, n) => n + 1);
    }

    public Task<int> Increment() => Task.FromResult(++state.State.Count);

    public Task<int> Get() => Task.FromResult(state.State.Count);

    public Task Append(int value)
    {
        _appended.Add(value);
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<int>> Appended() => Task.FromResult<IReadOnlyList<int>>(_appended.ToArray());

    public async Task Probe()
    {
        Interlocked.Increment(ref recorder.ProbeCalls);
        await recorder.ProbeAsync();
    }

    public Task Fail() => throw new InvalidOperationException("deliberate failure");

    public Task Hang(TimeSpan duration) => Task.Delay(duration);

    public Task StartTimer(TimeSpan period)
    {
        RegisterGrainTimer(async _ =>
        {
            Interlocked.Increment(ref recorder.TimerTicks);
            await recorder.ProbeAsync();
        }, period, period);
        return Task.CompletedTask;
    }

    public Task KeepAlive(TimeSpan duration)
    {
        DelayDeactivation(duration);
        return Task.CompletedTask;
    }

    public Task Deactivate()
    {
        DeactivateOnIdle();
        return Task.CompletedTask;
    }

    public ValueTask<string> Echo(string text) => ValueTask.FromResult(text);

    public async Task<int> IncrementThenWaitOutsideTurn()
    {
        var mine = ++state.State.Count;
        ReleaseTurn();
        await recorder.Gate.Task;
        return mine;
    }
}

public sealed class FlakyActivationGrain(Recorder recorder) : Grain, IFlakyActivationGrain
{
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var attempt = recorder.Activations.AddOrUpdate(GrainKey, 1, (_, n) => n + 1);
        return attempt == 1 ? throw new InvalidOperationException("first activation fails") : Task.CompletedTask;
    }

    public Task<string> Ping() => Task.FromResult("pong");
}

public sealed class BrokenActivationGrain : Grain, IBrokenActivationGrain
{
    public override Task OnActivateAsync(CancellationToken cancellationToken) => throw new InvalidOperationException("never activates");

    public Task Ping() => Task.CompletedTask;
}
