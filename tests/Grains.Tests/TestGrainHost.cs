using System.Collections.Concurrent;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using OrleansRides.Runtime;
using OrleansRides.Runtime.Hosting;
using OrleansRides.Runtime.Topics;
using OrleansRides.Tests.Shared;

namespace OrleansRides.Grains.Tests;

/// <summary>An in-process grain runtime over the real PostgreSQL, with a manual clock and a recorder of every event
/// published on the topics it subscribes.</summary>
internal sealed class TestGrainHost : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private readonly ITopicSubscriber _subscriber;

    private TestGrainHost(ServiceCollection services)
    {
        _services = services.BuildServiceProvider();
        _subscriber = _services.GetRequiredService<ITopicBus>().CreateSubscriber((_, message) =>
        {
            Events.Enqueue(message);
            return ValueTask.CompletedTask;
        });
    }

    public ConcurrentQueue<object> Events { get; } = new();

    public IGrainFactory Grains => _services.GetRequiredService<IGrainFactory>();

    public static TestGrainHost Start(NpgsqlDataSource dataSource, ManualTimeProvider clock, Action<GrainRuntimeBuilder> addGrains,
        Action<IServiceCollection>? configure = null)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
        services.AddSingleton<TimeProvider>(clock);
        services.AddSingleton(dataSource);
        addGrains(services.AddGrainRuntime().UsePostgresStorage());
        configure?.Invoke(services);
        return new TestGrainHost(services);
    }

    public ValueTask SubscribeAsync(string topic) => _subscriber.SubscribeAsync(topic);

    public async Task<T> WaitForAsync<T>(Func<T, bool>? where = null)
    {
        T? found = default;
        await Eventually.TrueAsync(() => (found = Events.OfType<T>().FirstOrDefault(where ?? (_ => true))) is not null, $"a {typeof(T).Name} event");
        return found!;
    }

    /// <summary>Runs one idle collection (as the runtime's timer does); returns how many activations it began to collect.</summary>
    public int CollectIdle() => _services.GetRequiredService<Runtime.Activation.ActivationCatalog>().CollectIdle();

    public int ActivationCount => _services.GetRequiredService<Runtime.Activation.ActivationCatalog>().Count;

    public Task DeactivateAllAsync() =>
        _services.GetRequiredService<Runtime.Activation.ActivationCatalog>().DeactivateAllAsync(CancellationToken.None);

    public async ValueTask DisposeAsync()
    {
        await _subscriber.DisposeAsync();
        await DeactivateAllAsync();
        await _services.DisposeAsync();
    }
}
