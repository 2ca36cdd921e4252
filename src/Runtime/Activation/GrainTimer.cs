namespace OrleansRides.Runtime.Activation;

/// <summary>A timer whose ticks are queued as turns of its activation, at most one tick queued at a time.</summary>
internal sealed class GrainTimer : IDisposable
{
    private readonly GrainActivation _activation;
    private readonly Func<CancellationToken, Task> _callback;
    private readonly ITimer _timer;
    private int _tickQueued;
    private bool _disposed;

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

    public Task RunTickAsync(CancellationToken cancellationToken)
    {
        _tickQueued = 0;
        return _disposed ? Task.CompletedTask : _callback(cancellationToken);
    }

    public void Dispose()
    {
        _disposed = true;
        _timer.Dispose();
        _activation.ForgetTimer(this);
    }
}
