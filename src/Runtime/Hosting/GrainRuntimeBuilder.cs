using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OrleansRides.Runtime.Activation;
using OrleansRides.Runtime.Calls;
using OrleansRides.Runtime.Persistence;
using OrleansRides.Runtime.Topics;

namespace OrleansRides.Runtime.Hosting;

/// <summary>Configures the grain runtime of one process: which grains it hosts, where their state goes, which JSON
/// contexts describe their state and messages.</summary>
public sealed class GrainRuntimeBuilder
{
    private readonly List<IJsonTypeInfoResolver> _jsonResolvers = [];

    internal GrainRuntimeBuilder(IServiceCollection services)
    {
        Services = services;
        services.TryAddSingleton(TimeProvider.System);
        // The standard IMeterFactory (a host builder has already added it; TryAdd inside): meters per container.
        services.AddMetrics();
        services.TryAddSingleton<RuntimeMetrics>();
        services.AddSingleton(Registry);
        services.AddSingleton(_ => new GrainJsonOptions(_jsonResolvers));
        services.TryAddSingleton<IGrainOwnershipPolicy, LocalOwnership>();
        services.AddSingleton<ActivationCatalog>();
        services.AddSingleton(sp => new GrainRuntimeStatistics(sp.GetRequiredService<ActivationCatalog>()));
        services.AddSingleton<GrainRuntime>();
        services.TryAddSingleton<IGrainCallDispatcher>(sp => sp.GetRequiredService<ActivationCatalog>());
        services.AddSingleton<IGrainFactory, GrainFactory>();
        services.TryAddSingleton<ITopicBus, InMemoryTopicBus>();
        services.TryAddSingleton<ITopicPublisher>(sp => sp.GetRequiredService<ITopicBus>());
        services.AddSingleton(TopicTypes);
        services.AddHostedService<GrainRuntimeService>();
    }

    /// <summary>The service collection being configured.</summary>
    public IServiceCollection Services { get; }

    /// <summary>The grain types registered so far.</summary>
    public GrainTypeRegistry Registry { get; } = new();

    /// <summary>Hosts grains of <typeparamref name="TGrain"/> behind <typeparamref name="TGrainInterface"/>.</summary>
    /// <param name="idleAge">Collection age for this type; default <see cref="GrainRuntimeOptions.DefaultIdleAge"/>.</param>
    public GrainRuntimeBuilder AddGrain<TGrainInterface, TGrain>(TimeSpan? idleAge = null)
        where TGrainInterface : IGrainWithStringKey
        where TGrain : Grain, TGrainInterface
    {
        Registry.Add(typeof(TGrainInterface), typeof(TGrain), idleAge);
        return this;
    }

    /// <summary>Event types that may travel on topics between processes (cluster mode).</summary>
    public TopicMessageTypes TopicTypes { get; } = new();

    /// <summary>Allows every concrete type deriving from <typeparamref name="TBase"/> (in its assembly) on topics; their
    /// JSON metadata must come from a registered context.</summary>
    public GrainRuntimeBuilder AddTopicMessageTypesDerivedFrom<TBase>()
    {
        foreach (var type in typeof(TBase).Assembly.GetTypes().Where(t => !t.IsAbstract && t.IsSubclassOf(typeof(TBase))))
        {
            TopicTypes.Add(type);
        }
        return this;
    }

    /// <summary>Adds a System.Text.Json source-generated context that describes grain state and message types.</summary>
    public GrainRuntimeBuilder AddJsonContext(IJsonTypeInfoResolver resolver)
    {
        if (!_jsonResolvers.Contains(resolver))
        {
            _jsonResolvers.Add(resolver);
        }
        return this;
    }

    /// <summary>Keeps grain state in memory (lost with the process): unit tests only.</summary>
    public GrainRuntimeBuilder UseInMemoryStorage()
    {
        Services.AddSingleton<IGrainStorage, InMemoryGrainStorage>();
        return this;
    }
}

/// <summary>Registration entry point.</summary>
public static class GrainRuntimeServiceCollectionExtensions
{
    /// <summary>Adds the in-process grain runtime (local activations, in-memory topic bus) and binds
    /// <see cref="GrainRuntimeOptions"/> from configuration.</summary>
    public static GrainRuntimeBuilder AddGrainRuntime(this IServiceCollection services)
    {
        services.AddOptions<GrainRuntimeOptions>().BindConfiguration(GrainRuntimeOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<Microsoft.Extensions.Options.IValidateOptions<GrainRuntimeOptions>, GrainRuntimeOptionsValidator>());
        return new GrainRuntimeBuilder(services);
    }
}
