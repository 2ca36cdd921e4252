using System.Collections.Concurrent;
using Dapper;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using OrleansRides.GrainInterfaces.Rides;
using OrleansRides.Grains;
using OrleansRides.Grains.Rides;
using OrleansRides.Runtime;
using OrleansRides.Runtime.Hosting;
using OrleansRides.Runtime.Topics;
using OrleansRides.Tests.Shared;

namespace OrleansRides.Grains.Tests;

[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<TestDatabase>
{
    public const string Name = "postgres";
}

/// <summary>A runtime hosting the real RideGrain over the real PostgreSQL store, a manual clock, and a recorder of every
/// event published on the ride's topic.</summary>
internal sealed class RideHarness : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private readonly ITopicSubscriber _subscriber;

    private RideHarness(ServiceProvider services, ITopicSubscriber subscriber, RouteRecord route)
    {
        _services = services;
        _subscriber = subscriber;
        Route = route;
    }

    public RouteRecord Route { get; }

    public ConcurrentQueue<RideEvent> Events { get; } = new();

    public IRideGrain Ride => _services.GetRequiredService<IGrainFactory>().GetGrain<IRideGrain>(Route.AccessCode);

    public static async Task<RideHarness> StartAsync(
        NpgsqlDataSource dataSource, ManualTimeProvider clock, Action<RideOptions>? configure = null, RouteRecord? route = null)
    {
        route ??= await RouteRecord.InsertAsync(dataSource);
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
        services.AddSingleton<TimeProvider>(clock);
        services.AddSingleton(dataSource);
        services.AddGrainRuntime().UsePostgresStorage().AddRideGrains();
        services.Configure<RideOptions>(o => configure?.Invoke(o));
        var provider = services.BuildServiceProvider();
        RideHarness? harness = null;
        var subscriber = provider.GetRequiredService<ITopicBus>().CreateSubscriber((_, message) =>
        {
            harness!.Events.Enqueue((RideEvent)message);
            return ValueTask.CompletedTask;
        });
        harness = new RideHarness(provider, subscriber, route);
        await subscriber.SubscribeAsync(RideTopics.For(route.AccessCode));
        return harness;
    }

    public Task<T> EventAsync<T>(Func<T, bool>? where = null) where T : RideEvent => WaitForAsync(where ?? (_ => true));

    public async Task<T> WaitForAsync<T>(Func<T, bool> where) where T : RideEvent
    {
        T? found = null;
        await Eventually.TrueAsync(() => (found = Events.OfType<T>().FirstOrDefault(where)) is not null, $"a {typeof(T).Name} event");
        return found!;
    }

    public Task JoinLeaderAsync(string connectionId = "leader-1") =>
        Ride.Join(new RideJoin(connectionId, RideRole.Leader, Route.LeaderKey, "Lead"));

    public Task DeactivateAllAsync() =>
        _services.GetRequiredService<Runtime.Activation.ActivationCatalog>().DeactivateAllAsync(CancellationToken.None);

    public async ValueTask DisposeAsync()
    {
        await _subscriber.DisposeAsync();
        await DeactivateAllAsync();
        await _services.DisposeAsync();
    }
}

/// <summary>A route row inserted directly, with a known leader key.</summary>
internal sealed record RouteRecord(Guid Id, string AccessCode, string LeaderKey)
{
    public static async Task<RouteRecord> InsertAsync(NpgsqlDataSource dataSource)
    {
        var route = new RouteRecord(Guid.NewGuid(), AccessCodes.Generate(), LeaderKeys.Generate());
        await using var connection = await dataSource.OpenConnectionAsync();
        await connection.ExecuteAsync(
            """
            INSERT INTO routes (id, name, access_code, leader_key_hash, waypoints, departure_time)
            VALUES (@Id, 'Test route', @AccessCode, @Hash, '[]', '08:00')
            """, new { route.Id, route.AccessCode, Hash = LeaderKeys.Hash(route.LeaderKey) });
        return route;
    }
}
