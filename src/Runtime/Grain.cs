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

    /// <summary>The cancellation token of the turn running now, for grain methods (whose interfaces take no token); timer
    /// callbacks, <see cref="OnActivateAsync"/> and <see cref="OnDeactivateAsync"/> get the same token as their argument.
    /// Cancellation is cooperative: a turn that ignores it runs as it would without it.</summary>
    /// <remarks>
    /// <para>When it is cancelled, by the runtime's <see cref="System.TimeProvider"/>:</para>
    /// <list type="bullet">
    /// <item>a call: at the call's deadline (when its caller gets <see cref="GrainCallTimeoutException"/>), or when the
    /// runtime begins to stop;</item>
    /// <item>a timer tick: <c>GrainRuntime:CallTimeout</c> after the tick started, or when the runtime begins to stop;</item>
    /// <item>activation: at the deadline of the call that caused it, or when the runtime begins to stop;</item>
    /// <item>deactivation: <c>GrainRuntime:ShutdownTimeout</c> after it started, or that long after the runtime began
    /// to stop, whichever is first. Stopping alone does not cancel it, so that state is saved on shutdown.</item>
    /// </list>
    /// <para>Cost: a call turn that never reads this property allocates nothing. The first read in a call turn creates one
    /// <see cref="CancellationTokenSource"/> with a timer and a registration on the runtime's stop signal (a few hundred
    /// bytes), disposed when the call completes; later reads in that turn return the same token. Activation and
    /// deactivation create one each, as they pass the token as an argument; a timer keeps one source for all its ticks.</para>
    /// <para>After <see cref="ReleaseTurn"/>: a token read before the release stays the call's own until its method
    /// completes (cancelled at its deadline or on stop). Read it before releasing: afterwards this property belongs to
    /// whichever turn runs next, like every other grain field.</para>
    /// <para>After the turn its token is inert: if it was not cancelled during the turn it will not be (its source is
    /// disposed: registering on it works but never fires, its <c>WaitHandle</c> throws <see cref="ObjectDisposedException"/>;
    /// a timer's is reset for the next tick, which may cancel it then), so do not keep it. Outside a turn this property
    /// throws.</para>
    /// </remarks>
    /// <exception cref="InvalidOperationException">No turn of this grain is running (or the grain is not bound yet).</exception>
    protected CancellationToken TurnCancellationToken => Activation.TurnCancellationToken;

    /// <summary>Runs before the first call is delivered, after persistent state has been read.</summary>
    /// <param name="cancellationToken">Cancelled at the deadline of the call that caused the activation, or when the
    /// runtime begins to stop (see <see cref="TurnCancellationToken"/>).</param>
    public virtual Task OnActivateAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Runs as the last turn of the activation. Save state here; calls queued afterwards go to a new activation.</summary>
    /// <param name="reason">Why the activation ends.</param>
    /// <param name="cancellationToken">Cancelled <c>GrainRuntime:ShutdownTimeout</c> after deactivation started or after
    /// the runtime began to stop, whichever is first; not when stopping begins (see <see cref="TurnCancellationToken"/>).</param>
    public virtual Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Registers a timer whose callback runs as a turn of this activation (never concurrently with a call).
    /// A tick that arrives while the previous one is still queued is skipped. Timers do not keep the grain from idling out.</summary>
    /// <param name="callback">The work of one tick; its token is cancelled <c>GrainRuntime:CallTimeout</c> after the tick
    /// started or when the runtime begins to stop (see <see cref="TurnCancellationToken"/>).</param>
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
