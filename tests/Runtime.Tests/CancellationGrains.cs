using OrleansRides.Runtime;
using OrleansRides.Runtime.Persistence;

namespace OrleansRides.Runtime.Tests;

public interface ICancellationGrain : IGrainWithStringKey
{
    /// <summary>Does not touch the token.</summary>
    Task<int> Increment();

    /// <summary>Reads the token (twice), keeps it in the probe, returns at once.</summary>
    Task ReadToken();

    /// <summary>Waits until the turn's token is cancelled; true then.</summary>
    Task<bool> WaitForCancellation();

    /// <summary>Reads the token, releases the turn, then waits for the token to be cancelled.</summary>
    Task WaitForCancellationAfterReleasingTurn();

    /// <summary>A one-shot timer whose tick waits for its token to be cancelled.</summary>
    Task StartWaitingTimer(TimeSpan dueTime);

    /// <summary>A periodic timer whose ticks count and return at once.</summary>
    Task StartCountingTimer(TimeSpan period);

    /// <summary>The next OnDeactivateAsync waits for its token before saving.</summary>
    Task HangOnDeactivation();
}

/// <summary>What <see cref="CancellationGrain"/> saw of its tokens; one per runtime.</summary>
public sealed class TurnProbe
{
    public TaskCompletionSource Waiting { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    public TaskCompletionSource Cancelled { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    public TaskCompletionSource<bool> DeactivationCancelledAtStart { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    public TaskCompletionSource Saved { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    public CancellationToken Kept { get; set; }
    public Func<CancellationToken>? ReadLater { get; set; }
    public bool SameTokenInTick { get; set; }
    public int Ticks;
}

public sealed class CancellationGrain(IPersistentState<CounterState> state, TurnProbe probe) : Grain, ICancellationGrain
{
    private bool _hangOnDeactivation;

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        probe.DeactivationCancelledAtStart.TrySetResult(cancellationToken.IsCancellationRequested);
        if (_hangOnDeactivation)
        {
            await WaitAsync(cancellationToken);
            return;
        }
        await Task.Yield();
        await state.WriteStateAsync(cancellationToken);
        probe.Saved.TrySetResult();
    }

    public Task<int> Increment() => Task.FromResult(++state.State.Count);

    public Task ReadToken()
    {
        probe.Kept = TurnCancellationToken;
        Assert.Equal(probe.Kept, TurnCancellationToken);
        probe.ReadLater = () => TurnCancellationToken;
        return Task.CompletedTask;
    }

    public async Task<bool> WaitForCancellation()
    {
        var token = probe.Kept = TurnCancellationToken;
        probe.Waiting.TrySetResult();
        await WaitAsync(token);
        return true;
    }

    public async Task WaitForCancellationAfterReleasingTurn()
    {
        var token = TurnCancellationToken;
        ReleaseTurn();
        probe.Waiting.TrySetResult();
        await WaitAsync(token);
    }

    public Task StartWaitingTimer(TimeSpan dueTime)
    {
        RegisterGrainTimer(async token =>
        {
            probe.Kept = token;
            probe.SameTokenInTick = token == TurnCancellationToken;
            probe.Waiting.TrySetResult();
            await WaitAsync(token);
        }, dueTime, Timeout.InfiniteTimeSpan);
        return Task.CompletedTask;
    }

    public Task StartCountingTimer(TimeSpan period)
    {
        RegisterGrainTimer(_ =>
        {
            Interlocked.Increment(ref probe.Ticks);
            return Task.CompletedTask;
        }, period, period);
        return Task.CompletedTask;
    }

    public Task HangOnDeactivation()
    {
        _hangOnDeactivation = true;
        return Task.CompletedTask;
    }

    private async Task WaitAsync(CancellationToken token)
    {
        try
        {
            await Task.Delay(Timeout.Infinite, token);
        }
        catch (OperationCanceledException)
        {
            probe.Cancelled.TrySetResult();
        }
    }
}
