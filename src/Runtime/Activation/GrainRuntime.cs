using System.Text.Json;
using Microsoft.Extensions.Logging;
using OrleansRides.Runtime.Hosting;
using OrleansRides.Runtime.Persistence;

namespace OrleansRides.Runtime.Activation;

/// <summary>What every activation in this process shares.</summary>
internal sealed class GrainRuntime(
    IServiceProvider services,
    IGrainFactory grainFactory,
    ActivationCatalog catalog,
    IGrainStorage storage,
    GrainJsonOptions jsonOptions,
    TimeProvider timeProvider,
    Microsoft.Extensions.Options.IOptions<GrainRuntimeOptions> options,
    ILogger<GrainRuntime> logger)
{
    public IServiceProvider Services => services;
    public IGrainFactory GrainFactory => grainFactory;
    public ActivationCatalog Catalog => catalog;
    public IGrainStorage Storage => storage;
    public JsonSerializerOptions JsonOptions => jsonOptions.Options;
    public TimeProvider TimeProvider => timeProvider;
    public GrainRuntimeOptions Options => options.Value;
    public ILogger Logger => logger;
}
