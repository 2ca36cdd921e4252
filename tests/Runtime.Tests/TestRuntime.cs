using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OrleansRides.Runtime;
using OrleansRides.Runtime.Activation;
using OrleansRides.Runtime.Hosting;
using OrleansRides.Runtime.Persistence;
using OrleansRides.Runtime.Topics;

namespace OrleansRides.Runtime.Tests;

/// <summary>An in-process runtime with in-memory storage, built per test.</summary>
internal sealed class TestRuntime : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    public TestRuntime(TimeProvider? time = null, TimeSpan? callTimeout = null, TimeSpan? idleAge = null)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
        services.AddSingleton(time ?? TimeProvider.System);
        services.AddSingleton<Recorder>();
        services.AddSingleton<TurnProbe>();
        services.AddGrainRuntime()
            .UseInMemoryStorage()
            .AddJsonContext(TestJsonContext.Default)
            .AddGrain<ITestGrain, TestGrain>(idleAge)
            .AddGrain<IFlakyActivationGrain, FlakyActivationGrain>()
            .AddGrain<IBrokenActivationGrain, BrokenActivationGrain>()
            .AddGrain<ICancellationGrain, CancellationGrain>();
        services.Configure<GrainRuntimeOptions>(o => o.CallTimeout = callTimeout ?? TimeSpan.FromSeconds(30));
        _services = services.BuildServiceProvider();
    }

    public IGrainFactory Factory => _services.GetRequiredService<IGrainFactory>();

    public ActivationCatalog Catalog => _services.GetRequiredService<ActivationCatalog>();

    public Recorder Recorder => _services.GetRequiredService<Recorder>();

    public TurnProbe Probe => _services.GetRequiredService<TurnProbe>();

    public GrainRuntime Runtime => _services.GetRequiredService<GrainRuntime>();

    /// <summary>Stops the hosted services as the host would (they were never started: only the stop matters here).</summary>
    public async Task StopAsync()
    {
        foreach (var service in _services.GetServices<IHostedService>())
        {
            await service.StopAsync(CancellationToken.None);
        }
    }

    public IGrainStorage Storage => _services.GetRequiredService<IGrainStorage>();

    public ITopicBus Topics => _services.GetRequiredService<ITopicBus>();

    public RuntimeMetrics Metrics => _services.GetRequiredService<RuntimeMetrics>();

    public ValueTask DisposeAsync() => _services.DisposeAsync();
}
