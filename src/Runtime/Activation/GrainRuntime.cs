using System.Text.Json;
using Microsoft.Extensions.Logging;
using OrleansRides.Runtime.Calls;
using OrleansRides.Runtime.Hosting;
using OrleansRides.Runtime.Persistence;

namespace OrleansRides.Runtime.Activation;

/// <summary>What every activation in this process shares. It holds neither the catalog nor the grain factory, so that the
/// chain "factory → dispatcher → catalog → runtime" has no way back: a grain gets its factory when it is activated, from
/// the container that constructs it.</summary>
internal sealed class GrainRuntime(
    IServiceProvider services,
    IGrainStorage storage,
    GrainJsonOptions jsonOptions,
    TimeProvider timeProvider,
    Microsoft.Extensions.Options.IOptions<GrainRuntimeOptions> options,
    IEnumerable<ICallerErrorTranslator> errorTranslators,
    RuntimeMetrics metrics,
    ILogger<GrainRuntime> logger)
{
    private readonly ICallerErrorTranslator[] _errorTranslators = [.. errorTranslators];
    // Neither is disposed: they live as long as the process, and a turn still running when the container is disposed
    // may yet read their tokens.
    private readonly CancellationTokenSource _stopping = new();
    private readonly CancellationTokenSource _shutdownExpired = new(Timeout.InfiniteTimeSpan, timeProvider);
    private int _stopBegun;
    private long _turnSourcesCreated;

    public IServiceProvider Services => services;
    public IGrainStorage Storage => storage;
    public JsonSerializerOptions JsonOptions => jsonOptions.Options;
    public TimeProvider TimeProvider => timeProvider;
    public GrainRuntimeOptions Options => options.Value;
    public ILogger Logger => logger;
    public RuntimeMetrics Metrics => metrics;

    /// <summary>Cancelled when the runtime begins to stop (<see cref="BeginStoppingAsync"/>): the signal of call, timer and
    /// activation turns.</summary>
    public CancellationToken Stopping => _stopping.Token;

    /// <summary>Cancelled <see cref="GrainRuntimeOptions.ShutdownTimeout"/> after the runtime began to stop, by
    /// <see cref="TimeProvider"/>: the signal of deactivation turns, which save state and so get the whole shutdown budget.</summary>
    public CancellationToken ShutdownExpired => _shutdownExpired.Token;

    /// <summary>Turn token sources created so far (each one a grain asked for, or an activation, deactivation or a timer's
    /// first tick): lets tests check that a turn which never reads its token costs nothing.</summary>
    public long TurnSourcesCreated => Volatile.Read(ref _turnSourcesCreated);

    /// <summary>Cancels <see cref="Stopping"/> and starts the <see cref="ShutdownExpired"/> countdown; later calls do
    /// nothing. Callbacks run on the thread pool; the task completes when they have.</summary>
    public Task BeginStoppingAsync()
    {
        if (Interlocked.Exchange(ref _stopBegun, 1) == 1)
        {
            return Task.CompletedTask;
        }
        _shutdownExpired.CancelAfter(TurnCancellationSource.Clamp(Options.ShutdownTimeout));
        return _stopping.CancelAsync();
    }

    /// <summary>A turn's token: cancelled at <paramref name="deadline"/> (by <see cref="TimeProvider"/>) or when
    /// <paramref name="signal"/> fires. Allocates a source (and a timer) only when neither has happened yet; the caller
    /// disposes the source, if any, when the turn is over.</summary>
    public (CancellationToken Token, TurnCancellationSource? Source) CreateTurnToken(DateTimeOffset deadline, CancellationToken signal)
    {
        if (signal.IsCancellationRequested)
        {
            return (signal, null);
        }
        var remaining = deadline - timeProvider.GetUtcNow();
        if (remaining <= TimeSpan.Zero)
        {
            return (new CancellationToken(canceled: true), null);
        }
        var source = CreateTurnSource(signal, remaining);
        return (source.Token, source);
    }

    /// <summary>Now plus <paramref name="span"/> by <see cref="TimeProvider"/>, saturating at <see cref="DateTimeOffset.MaxValue"/>.</summary>
    public DateTimeOffset After(TimeSpan span)
    {
        var now = timeProvider.GetUtcNow();
        return span >= DateTimeOffset.MaxValue - now ? DateTimeOffset.MaxValue : now + span;
    }

    /// <summary>A new turn source linked to <paramref name="signal"/>, cancelled after <paramref name="delay"/>.</summary>
    public TurnCancellationSource CreateTurnSource(CancellationToken signal, TimeSpan delay)
    {
        Interlocked.Increment(ref _turnSourcesCreated);
        return new TurnCancellationSource(timeProvider, signal, delay);
    }

    /// <summary>What a call's caller is told of <paramref name="exception"/>, thrown by a grain turn or its activation: the
    /// first translation a registered provider offers (e.g. PostgreSQL down → <c>SERVICE_UNAVAILABLE</c>), else the
    /// exception itself.</summary>
    public Exception ToCallerError(Exception exception)
    {
        if (exception is GrainException)
        {
            return exception;
        }
        foreach (var translator in _errorTranslators)
        {
            if (translator.Translate(exception) is { } translated)
            {
                return translated;
            }
        }
        return exception;
    }
}
