using OrleansRides.Runtime.Activation;

namespace OrleansRides.Runtime;

/// <summary>Why an activation is being deactivated.</summary>
public enum DeactivationReason
{
    /// <summary>Idle for longer than its type's collection age.</summary>
    Idle,
    /// <summary>The grain asked for it with <see cref="Grain.DeactivateOnIdle"/>.</summary>
    Requested,
    /// <summary>The hosting process is shutting down.</summary>
    ShuttingDown,
}

/// <summary>Base class of grain implementations, shaped like Orleans' <c>Grain</c>. The runtime creates one instance per
/// activation and calls it one turn at a time, so grain code needs no locks.</summary>
public abstract class Grain
{
    private const string NotBound = "The grain is not bound to an activation yet; use OnActivateAsync, not the constructor.";
    private GrainActivation? _activation;
    private IGrainFactory? _grainFactory;

    internal void Bind(GrainActivation activation, IGrainFactory grainFactory) =>
        (_activation, _grainFactory) = (activation, grainFactory);

    private GrainActivation Activation =>
        _activation ?? throw new InvalidOperationException(NotBound);

    /// <summary>This grain's identity.</summary>
    protected GrainId GrainId => Activation.Id;

    /// <summary>The string key, as Orleans' <c>this.GetPrimaryKeyString()</c>.</summary>
    protected string GrainKey => Activation.Id.Key;

    /// <summary>For calls to other grains.</summary>
    protected IGrainFactory GrainFactory => _grainFactory ?? throw new InvalidOperationException(NotBound);

    /// <summary>The runtime's clock (UTC); tests substitute it.</summary>
    protected TimeProvider TimeProvider => Activation.Runtime.TimeProvider;

    /// <summary>Runs before the first call is delivered, after persistent state has been read.</summary>
    public virtual Task OnActivateAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Runs as the last turn of the activation. Save state here; calls queued afterwards go to a new activation.</summary>
    public virtual Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Registers a timer whose callback runs as a turn of this activation (never concurrently with a call).
    /// A tick that arrives while the previous one is still queued is skipped. Timers do not keep the grain from idling out.</summary>
    /// <param name="callback">The work of one tick.</param>
    /// <param name="dueTime">Delay before the first tick.</param>
    /// <param name="period">Interval between ticks; <see cref="Timeout.InfiniteTimeSpan"/> for a one-shot timer.</param>
    /// <returns>Dispose to cancel the timer.</returns>
    protected IDisposable RegisterGrainTimer(Func<CancellationToken, Task> callback, TimeSpan dueTime, TimeSpan period) =>
        Activation.RegisterTimer(callback, dueTime, period);

    /// <summary>Keeps this activation from being collected as idle for at least <paramref name="duration"/>
    /// (<see cref="TimeSpan.MaxValue"/>: until cancelled); a negative duration cancels, and idle collection applies again.
    /// Requested deactivations, hand-offs and shutdown still happen. As Orleans' <c>DelayDeactivation</c>.</summary>
    protected void DelayDeactivation(TimeSpan duration) => Activation.DelayDeactivation(duration);

    /// <summary>Ends the current call's turn now, before the method's task completes, so the activation's next turn can run
    /// while this call awaits something slow that needs no grain state — for example a group commit that many calls share
    /// (see <c>ChatRoomGrain.Send</c>). After this call the method must not read or write unsynchronised grain fields:
    /// its continuation runs concurrently with later turns. Its result still reaches the caller when the method completes.
    /// </summary>
    /// <exception cref="InvalidOperationException">Outside a call's turn (a timer tick, activation, deactivation).</exception>
    protected void ReleaseTurn() => Activation.ReleaseTurn();

    /// <summary>Asks the runtime to deactivate this activation once the current turn ends.</summary>
    protected void DeactivateOnIdle() => Activation.RequestDeactivation();
}
