namespace OrleansRides.Runtime.Activation;

/// <summary>The source of one turn's token: cancelled when its delay passes on the runtime's clock, or when the runtime
/// signal it is linked to (<see cref="GrainRuntime.Stopping"/> or <see cref="GrainRuntime.ShutdownExpired"/>) fires.</summary>
/// <remarks>One object instead of a timed source plus a linked one: the link is a registration on the runtime's signal,
/// removed on dispose so the runtime's source does not collect a callback per turn.</remarks>
internal sealed class TurnCancellationSource : CancellationTokenSource
{
    // CancellationTokenSource refuses delays above uint.MaxValue - 1 ms (about 49.7 days); longer means never.
    private static readonly TimeSpan LongestDelay = TimeSpan.FromMilliseconds(uint.MaxValue - 1.0);
    private readonly CancellationTokenRegistration _signal;

    public TurnCancellationSource(TimeProvider clock, CancellationToken signal, TimeSpan delay)
        : base(Clamp(delay), clock) =>
        _signal = signal.UnsafeRegister(static source => ((CancellationTokenSource)source!).Cancel(), this);

    /// <summary>Restarts the deadline at <paramref name="delay"/> from now, on the clock given at construction.</summary>
    public void Arm(TimeSpan delay) => CancelAfter(Clamp(delay));

    internal static TimeSpan Clamp(TimeSpan delay) =>
        delay <= TimeSpan.Zero ? TimeSpan.Zero : delay > LongestDelay ? Timeout.InfiniteTimeSpan : delay;

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            // Waits for a callback already running, so the signal never cancels a disposed source.
            _signal.Dispose();
        }
        base.Dispose(disposing);
    }
}
