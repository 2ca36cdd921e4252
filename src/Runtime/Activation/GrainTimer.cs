namespace OrleansRides.Runtime.Activation;

/// <summary>A timer whose ticks are queued as turns of its activation, at most one tick queued at a time.</summary>
/// <remarks>Each tick's token is cancelled <see cref="Hosting.GrainRuntimeOptions.CallTimeout"/> after the tick starts (a
/// tick that runs longer holds up every caller queued behind it past their own deadlines) or when the runtime begins to
/// stop. Ticks are frequent (every ride flushes its track each second), so one source serves all the ticks of a timer:
/// created at the first tick, re-armed at each (one timer change, no allocation) and reset after it, replaced only when a
/// tick's token was cancelled, disposed with the timer. Only on the system clock: <see cref="CancellationTokenSource.TryReset"/>
/// cannot disarm another <see cref="TimeProvider"/>'s timer, so under a test clock each tick gets a new source.</remarks>
internal sealed class GrainTimer : IDisposable
{
    private readonly GrainActivation _activation;
    private readonly Func<CancellationToken, Task> _callback;
    private readonly ITimer _timer;
    private int _tickQueued;
    private volatile bool _disposed;
    // Between ticks; taken by Interlocked.Exchange so that Dispose and a tick's end never both keep or both dispose it.
    private TurnCancellationSource? _idleSource;
    // During a tick (ticks are turns of the activation, so never two at once).
    private TurnCancellationSource? _tickSource;

    public GrainTimer(GrainActivation activation, Func<CancellationToken, Task> callback, TimeSpan dueTime, TimeSpan period)
    {
        _activation = activation;
        _callback = callback;
        _timer = activation.Runtime.TimeProvider.CreateTimer(_ => OnTick(), null, dueTime, period);
    }

    private void OnTick()
    {
        if (_disposed || Interlocked.Exchange(ref _tickQueued, 1) == 1)
        {
            return;
        }
        if (!_activation.TryEnqueue(new TimerWorkItem(this), countsAsActivity: false))
        {
            _tickQueued = 0;
        }
    }

    /// <summary>The token of the tick about to run; <see cref="EndTick"/> must follow.</summary>
    public CancellationToken BeginTick()
    {
        var runtime = _activation.Runtime;
        if (_disposed || runtime.Stopping.IsCancellationRequested)
        {
            return runtime.Stopping;
        }
        var source = Interlocked.Exchange(ref _idleSource, null);
        if (source is null)
        {
            source = runtime.CreateTurnSource(runtime.Stopping, runtime.Options.CallTimeout);
        }
        else
        {
            source.Arm(runtime.Options.CallTimeout);
        }
        _tickSource = source;
        return source.Token;
    }

    public Task RunTickAsync(CancellationToken cancellationToken)
    {
        _tickQueued = 0;
        return _disposed ? Task.CompletedTask : _callback(cancellationToken);
    }

    /// <summary>After the tick: keeps its source for the next tick unless it was cancelled or the timer is gone. A reset
    /// source drops the registrations the tick made on its token and will not cancel until the next tick arms it.</summary>
    public void EndTick()
    {
        var source = _tickSource;
        _tickSource = null;
        if (source is null)
        {
            return;
        }
        if (_disposed || !source.TryReset())
        {
            source.Dispose();
            return;
        }
        Volatile.Write(ref _idleSource, source);
        if (_disposed)
        {
            Interlocked.Exchange(ref _idleSource, null)?.Dispose();
        }
    }

    public void Dispose()
    {
        _disposed = true;
        _timer.Dispose();
        _activation.ForgetTimer(this);
        // A tick still running keeps its source until EndTick, which sees _disposed and disposes it.
        Interlocked.Exchange(ref _idleSource, null)?.Dispose();
    }
}
