using System.Diagnostics;
using Microsoft.Extensions.Logging;
using OrleansRides.Runtime.Calls;

namespace OrleansRides.Runtime.Activation;

/// <summary>One live instance of a grain: a mailbox drained by a single loop, so calls and timer ticks run one turn at a
/// time in arrival order. The first turn activates the grain; the last deactivates it.</summary>
/// <remarks>The loop runs only while work is queued: an enqueue into an empty mailbox queues it on the thread pool (never
/// inline on the caller's thread), and it ends when the mailbox is empty. An idle activation therefore holds a small queue
/// instead of a parked channel reader and its suspended loop (about 1 KB per activation, decision 162).</remarks>
internal sealed class GrainActivation : IThreadPoolWorkItem
{
    // Guarded by _lock, like _draining: a drain ends only after seeing it empty under the lock, so an enqueue either lands
    // before that check (and is drained) or sees _draining false and starts the next drain.
    private readonly Queue<WorkItem> _mailbox = new(0);
    // Both created on first need: most activations are never waited for, and many register no timer.
    private TaskCompletionSource? _deactivated;
    private List<GrainTimer>? _timers;
    private readonly Lock _lock = new();
    private readonly GrainTypeRegistration _registration;
    private readonly ActivationCatalog _catalog;
    private int _queued;
    // True from construction: the drain that Start queues runs the activation and whatever was queued before it.
    private bool _draining = true;
    private bool _deactivating;
    private bool _finished;
    private Grain? _grain;
    private Exception? _activationFailure;
    // Volatile: a grain may ask from outside its turns (after ReleaseTurn), the mailbox loop reads it after each turn.
    private volatile bool _deactivationRequested;
    private volatile bool _handedOff;
    private long _lastActivity;
    private long _keepAliveUntil;
    // Set while a call's turn runs (turns never overlap, so a plain field suffices); see ReleaseTurn.
    private TaskCompletionSource? _currentTurnRelease;
    // The running turn's token (Grain.TurnCancellationToken); a mutable struct, so never copied out of this field.
    private TurnCancellation _turn;

    public GrainActivation(GrainId id, GrainTypeRegistration registration, GrainRuntime runtime, ActivationCatalog catalog)
    {
        Id = id;
        _registration = registration;
        Runtime = runtime;
        _catalog = catalog;
        _lastActivity = runtime.TimeProvider.GetTimestamp();
    }

    public GrainId Id { get; }

    public GrainRuntime Runtime { get; }

    /// <summary>Completes when the activation has finished its last turn and left the catalog.</summary>
    public Task Deactivated
    {
        get
        {
            lock (_lock)
            {
                return _finished ? Task.CompletedTask
                    : (_deactivated ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;
            }
        }
    }

    /// <summary>Calls and ticks waiting or running.</summary>
    public int QueueLength => Volatile.Read(ref _queued);

    /// <summary>The running turn's token; see <see cref="Grain.TurnCancellationToken"/> for when it is cancelled.</summary>
    /// <exception cref="InvalidOperationException">No turn is running.</exception>
    public CancellationToken TurnCancellationToken => _turn.Get(Runtime);

    /// <summary>Runs the first turn, the activation, then whatever was queued before it.</summary>
    public void Start() => ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);

    void IThreadPoolWorkItem.Execute() => _ = DrainAsync();

    /// <summary>Queues a turn. False once deactivation has begun: the caller must wait for <see cref="Deactivated"/> and
    /// route the work to the next activation.</summary>
    public bool TryEnqueue(WorkItem item, bool countsAsActivity = true)
    {
        lock (_lock)
        {
            if (_deactivating)
            {
                return false;
            }
            _queued++;
            if (countsAsActivity)
            {
                _lastActivity = Runtime.TimeProvider.GetTimestamp();
            }
            Post(item);
            return true;
        }
    }

    // Under _lock: queues the item and starts a drain unless one is running or Start's is still to come.
    private void Post(WorkItem item)
    {
        _mailbox.Enqueue(item);
        if (!_draining)
        {
            _draining = true;
            ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
        }
    }

    /// <summary>Begins deactivation if nothing is queued and the activation has been idle for at least <paramref name="minimumIdle"/>.</summary>
    public bool TryDeactivateIfIdle(TimeSpan minimumIdle) =>
        TryBeginDeactivation(DeactivationReason.Idle, a => a._queued == 0
            && a.Runtime.TimeProvider.GetElapsedTime(a._lastActivity) >= minimumIdle
            && a.Runtime.TimeProvider.GetTimestamp() >= a._keepAliveUntil);

    /// <summary>Keeps idle collection away until <paramref name="duration"/> from now (<see cref="TimeSpan.MaxValue"/>:
    /// until cancelled); a negative duration cancels. As Orleans' <c>Grain.DelayDeactivation</c>.</summary>
    public void DelayDeactivation(TimeSpan duration)
    {
        var clock = Runtime.TimeProvider;
        var until = duration < TimeSpan.Zero ? 0
            : duration == TimeSpan.MaxValue ? long.MaxValue
            : clock.GetTimestamp() + (long)(duration.TotalSeconds * clock.TimestampFrequency);
        lock (_lock)
        {
            _keepAliveUntil = until;
        }
    }

    /// <summary>Begins deactivation after everything already queued.</summary>
    public bool BeginDeactivation(DeactivationReason reason) => TryBeginDeactivation(reason, _ => true);

    public void RequestDeactivation() => _deactivationRequested = true;

    /// <summary>This silo no longer owns the grain: finish the turn in progress, refuse the calls still queued (they did not
    /// run, so their callers retry at the new owner), then deactivate and save.</summary>
    public bool HandOff()
    {
        _handedOff = true;
        return BeginDeactivation(DeactivationReason.Requested);
    }

    public IDisposable RegisterTimer(Func<CancellationToken, Task> callback, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new GrainTimer(this, callback, dueTime, period);
        lock (_lock)
        {
            (_timers ??= []).Add(timer);
        }
        return timer;
    }

    public void ForgetTimer(GrainTimer timer)
    {
        lock (_lock)
        {
            _timers?.Remove(timer);
        }
    }

    private bool TryBeginDeactivation(DeactivationReason reason, Func<GrainActivation, bool> condition)
    {
        lock (_lock)
        {
            if (_deactivating || !condition(this))
            {
                return false;
            }
            _deactivating = true;
            // Nothing is queued after it: TryEnqueue refuses once _deactivating is set.
            Post(new DeactivateWorkItem(reason));
            return true;
        }
    }

    private async Task DrainAsync()
    {
        if (_grain is null && _activationFailure is null)
        {
            await ActivateAsync();
        }
        while (true)
        {
            WorkItem item;
            lock (_lock)
            {
                if (!_mailbox.TryDequeue(out item!))
                {
                    _draining = false;
                    return;
                }
            }
            if (item is DeactivateWorkItem deactivate)
            {
                await FinishAsync(deactivate.Reason);
                return;
            }
            if (_activationFailure is not null)
            {
                (item as CallWorkItem)?.Completion.TrySetException(Runtime.ToCallerError(_activationFailure));
            }
            else
            {
                await RunTurnAsync(_grain!, item);
            }
            lock (_lock)
            {
                _queued--;
            }
            if (_deactivationRequested)
            {
                BeginDeactivation(DeactivationReason.Requested);
            }
        }
    }

    private async Task ActivateAsync()
    {
        // Bounded by the deadline of the call that created the activation (it waits for it); shutdown cancels it too.
        var (token, source) = Runtime.CreateTurnToken(FirstCallDeadline(), Runtime.Stopping);
        _turn.Begin(token);
        try
        {
            _grain = await _registration.ActivateAsync(this, token);
            Runtime.Metrics.ActivationStarted(Id.Type);
        }
        catch (Exception ex)
        {
            _activationFailure = ex;
            Runtime.Logger.LogWarning(ex, "Activation of {Grain} failed", Id);
            BeginDeactivation(DeactivationReason.Requested);
        }
        finally
        {
            _turn.End();
            source?.Dispose();
        }
    }

    private DateTimeOffset FirstCallDeadline()
    {
        lock (_lock)
        {
            return _mailbox.TryPeek(out var first) && first is CallWorkItem work
                ? work.Call.Deadline
                : Runtime.After(Runtime.Options.CallTimeout);
        }
    }

    private async Task FinishAsync(DeactivationReason reason)
    {
        if (_grain is not null)
        {
            await DeactivateAsync(_grain, reason);
        }
        lock (_lock)
        {
            foreach (var timer in _timers?.ToArray() ?? [])
            {
                timer.Dispose();
            }
        }
        _catalog.Remove(this);
        if (_grain is not null)
        {
            Runtime.Metrics.ActivationEnded(Id.Type);
        }
        TaskCompletionSource? waiting;
        lock (_lock)
        {
            _finished = true;
            waiting = _deactivated;
        }
        waiting?.TrySetResult();
    }

    private async Task RunTurnAsync(Grain grain, WorkItem item)
    {
        switch (item)
        {
            case CallWorkItem { Call: var call } work:
                if (_handedOff)
                {
                    work.Completion.TrySetException(new GrainException(GrainErrorCodes.NotOwner, $"{Id} moved to another silo."));
                    return;
                }
                if (Runtime.TimeProvider.GetUtcNow() >= call.Deadline)
                {
                    // The caller has already given up; running the call now would act on a request nobody awaits.
                    work.Completion.TrySetException(new GrainCallTimeoutException(Id, call.MethodName, Runtime.Options.CallTimeout));
                    return;
                }
                await RunCallTurnAsync(grain, work);
                break;
            case TimerWorkItem tick:
                var token = tick.Timer.BeginTick();
                _turn.Begin(token);
                try
                {
                    await tick.Timer.RunTickAsync(token);
                }
                catch (Exception ex)
                {
                    Runtime.Logger.LogError(ex, "Timer of {Grain} failed", Id);
                }
                finally
                {
                    _turn.End();
                    tick.Timer.EndTick();
                }
                break;
        }
    }

    /// <summary>Ends the current call's turn before its method completes: the mailbox moves on while the method's remaining
    /// work (typically awaiting a group commit) finishes outside the turn. Only for code that touches no unsynchronised
    /// grain state after this point.</summary>
    public void ReleaseTurn() =>
        (_currentTurnRelease ?? throw new InvalidOperationException("ReleaseTurn is only valid inside a call's turn."))
            .TrySetResult();

    private async Task RunCallTurnAsync(Grain grain, CallWorkItem work)
    {
        var call = work.Call;
        var started = Stopwatch.GetTimestamp();
        // Null unless someone listens; current while the method runs, so the grain's own calls are its children.
        var activity = RuntimeTracing.StartServer(call);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _currentTurnRelease = release;
        _turn.BeginCall(call);
        Task<object?> invocation;
        try
        {
            invocation = GrainMethodInvoker.For(call.Method).InvokeOnGrain(grain, call.Method, call.Arguments);
        }
        catch (Exception ex)
        {
            invocation = Task.FromException<object?>(ex);
        }
        if (!invocation.IsCompleted)
        {
            await Task.WhenAny(invocation, release.Task);
        }
        _currentTurnRelease = null;
        var source = _turn.End();
        // Completes synchronously when the method has; otherwise when the released method finishes outside the turn. The
        // token's source lives as long as the method, so a token read before ReleaseTurn still ends at the call's deadline.
        _ = CompleteCallAsync(work, invocation, started, source, activity);
    }

    private async Task CompleteCallAsync(CallWorkItem work, Task<object?> invocation, long started, TurnCancellationSource? source, Activity? activity)
    {
        try
        {
            work.Completion.TrySetResult(await invocation);
        }
        catch (Exception ex)
        {
            var error = Runtime.ToCallerError(ex);
            RuntimeTracing.Failed(activity, error);
            work.Completion.TrySetException(error);
        }
        finally
        {
            source?.Dispose();
        }
        Runtime.Metrics.CallCompleted(Id.Type, Stopwatch.GetElapsedTime(started));
        activity?.Dispose();
    }

    private async Task DeactivateAsync(Grain grain, DeactivationReason reason)
    {
        // It saves state, so stopping does not cancel it: only the shutdown budget running out, or its own budget of the
        // same length (an idle or requested deactivation holds up every call queued for its successor).
        var (token, source) = Runtime.CreateTurnToken(Runtime.After(Runtime.Options.ShutdownTimeout), Runtime.ShutdownExpired);
        _turn.Begin(token);
        try
        {
            await grain.OnDeactivateAsync(reason, token);
        }
        catch (Exception ex)
        {
            Runtime.Logger.LogError(ex, "Deactivation of {Grain} ({Reason}) failed", Id, reason);
        }
        finally
        {
            _turn.End();
            source?.Dispose();
        }
    }
}
