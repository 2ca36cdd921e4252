using Microsoft.Extensions.DependencyInjection;
using Dapper;
using Npgsql;
using OrleansRides.GrainInterfaces.Rides;
using OrleansRides.Grains;
using OrleansRides.Grains.Rides;
using OrleansRides.Tests.Shared;

namespace OrleansRides.Grains.Tests;

[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<TestDatabase>
{
    public const string Name = "postgres";
}

/// <summary>A runtime hosting the real RideGrain over the real PostgreSQL store, a manual clock, and a recorder of every
/// event published on the ride's topic.</summary>
internal sealed class RideHarness(TestGrainHost host, RouteRecord route) : IAsyncDisposable
{
    public RouteRecord Route { get; } = route;

    public IEnumerable<RideEvent> Events => host.Events.OfType<RideEvent>();

    public IRideGrain Ride => host.Grains.GetGrain<IRideGrain>(Route.AccessCode);

    public static async Task<RideHarness> StartAsync(
        NpgsqlDataSource dataSource, ManualTimeProvider clock, Action<RideOptions>? configure = null, RouteRecord? route = null)
    {
        route ??= await RouteRecord.InsertAsync(dataSource);
        var host = TestGrainHost.Start(dataSource, clock, runtime => runtime.AddRideGrains(),
            services => services.Configure<RideOptions>(o => configure?.Invoke(o)));
        await host.SubscribeAsync(RideTopics.For(route.AccessCode));
        return new RideHarness(host, route);
    }

    public Task<T> EventAsync<T>(Func<T, bool>? where = null) where T : RideEvent => host.WaitForAsync(where);

    public Task<T> WaitForAsync<T>(Func<T, bool> where) where T : RideEvent => host.WaitForAsync(where);

    public Task JoinLeaderAsync(string connectionId = "leader-1") =>
        Ride.Join(new RideJoin(connectionId, RideRole.Leader, Route.LeaderKey, "Lead"));

    public Task DeactivateAllAsync() => host.DeactivateAllAsync();

    public ValueTask DisposeAsync() => host.DisposeAsync();
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
