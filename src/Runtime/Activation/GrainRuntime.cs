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

    public IServiceProvider Services => services;
    public IGrainStorage Storage => storage;
    public JsonSerializerOptions JsonOptions => jsonOptions.Options;
    public TimeProvider TimeProvider => timeProvider;
    public GrainRuntimeOptions Options => options.Value;
    public ILogger Logger => logger;
    public RuntimeMetrics Metrics => metrics;

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
