using System.Text.Json.Serialization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using OrleansRides.Grains;
using OrleansRides.Runtime;
using OrleansRides.Runtime.Activation;
using OrleansRides.Runtime.Cluster;
using OrleansRides.Runtime.Hosting;
using OrleansRides.Runtime.Persistence;
using OrleansRides.Tests.Shared;

namespace OrleansRides.Cluster.Tests;

[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<TestDatabase>
{
    public const string Name = "cluster";
}

public interface ICounterGrain : IGrainWithStringKey
{
    /// <summary>Adds one and saves (write-through), so no acknowledged increment can be lost.</summary>
    Task<int> Increment();

    Task<int> Get();

    Task<string> Silo();
}

public sealed class CounterState
{
    public int Count { get; set; }
}

[JsonSerializable(typeof(CounterState))]
public sealed partial class ClusterTestJsonContext : JsonSerializerContext;

public sealed class CounterGrain(IPersistentState<CounterState> state, ClusterIdentity identity) : Grain, ICounterGrain
{
    public async Task<int> Increment()
    {
        state.State.Count++;
        await state.WriteStateAsync();
        return state.State.Count;
    }

    public Task<int> Get() => Task.FromResult(state.State.Count);

    public Task<string> Silo() => Task.FromResult(identity.Id);
}

/// <summary>One cluster member running in the test process: a silo or a client (frontend).</summary>
public sealed class Member(IHost host, ClusterIdentity identity)
{
    public IHost Host { get; } = host;

    public ClusterIdentity Identity { get; } = identity;

    public string Id => Identity.Id;

    public IGrainFactory Grains => Host.Services.GetRequiredService<IGrainFactory>();

    public MembershipViewProvider Membership => Host.Services.GetRequiredService<MembershipViewProvider>();

    /// <summary>A silo's membership agent (join, heartbeat, detection, leave).</summary>
    public SiloMembershipAgent Agent => Host.Services.GetRequiredService<SiloMembershipAgent>();

    internal ActivationCatalog Catalog => Host.Services.GetRequiredService<ActivationCatalog>();

    public bool Killed { get; set; }
}

/// <summary>Like Orleans' TestCluster: silos and clients in one process, each with its own RabbitMQ connection and
/// membership agent, all in a cluster of their own (a fresh cluster id) against the real PostgreSQL and RabbitMQ.</summary>
public sealed class TestCluster : IAsyncDisposable
{
    public static string RabbitMqUrl { get; } = Environment.GetEnvironmentVariable("RABBITMQ_URL") ?? "amqp://guest:guest@127.0.0.1:5673/";

    private readonly NpgsqlDataSource _dataSource;
    private readonly List<Member> _members = [];

    public TestCluster(TestDatabase database) => _dataSource = database.DataSource;

    public string ClusterId { get; } = $"test-{Guid.NewGuid():N}"[..17];

    public IReadOnlyList<Member> Silos => [.. _members.Where(m => m.Identity.Role == ClusterRole.Silo && !m.Killed)];

    public Task<Member> StartSiloAsync() => StartAsync(ClusterRole.Silo);

    public Task<Member> StartClientAsync() => StartAsync(ClusterRole.Client);

    /// <summary>A client with extra configuration (for example <c>Cluster:ProbeInterval</c>).</summary>
    public Task<Member> StartClientAsync(IReadOnlyDictionary<string, string?> settings) => StartAsync(ClusterRole.Client, settings);

    /// <summary>A graceful stop: shutting down, hand-off, dead.</summary>
    public async Task StopSiloAsync(Member silo)
    {
        await silo.Host.StopAsync();
        silo.Killed = true;
    }

    /// <summary>A crash as the others see it: heartbeats stop and the broker connection drops (its queue vanishes), with no
    /// hand-off and no status change.</summary>
    public async Task KillSiloAsync(Member silo)
    {
        silo.Killed = true;
        await silo.Agent.StopAsync();
        await silo.Host.Services.GetRequiredService<RabbitMqTransport>().DisposeAsync();
    }

    /// <summary>A hang as the others see it: heartbeats stop, but the broker connection and queue stay, so only the
    /// heartbeat timeout can reveal it.</summary>
    public async Task HangSiloAsync(Member silo)
    {
        silo.Killed = true;
        await silo.Agent.StopAsync();
    }

    /// <summary>Which silo holds an activation of each grain, from the silos' catalogs.</summary>
    public Dictionary<GrainId, List<string>> Activations() => Silos
        .SelectMany(s => s.Catalog.Activations.Select(a => (a.Id, s.Id)))
        .GroupBy(x => x.Item1).ToDictionary(g => g.Key, g => g.Select(x => x.Item2).ToList());

    public async ValueTask DisposeAsync()
    {
        foreach (var member in _members.AsEnumerable().Reverse())
        {
            if (!member.Killed)
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
                await member.Host.StopAsync(timeout.Token);
            }
            member.Host.Dispose();
        }
    }

    private async Task<Member> StartAsync(ClusterRole role, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Cluster:ClusterId"] = ClusterId,
            ["Cluster:RabbitMqUrl"] = RabbitMqUrl,
        });
        if (settings is not null)
        {
            builder.Configuration.AddInMemoryCollection(settings);
        }
        builder.Logging.AddFilter(level => level >= LogLevel.Warning);
        builder.Services.AddSingleton(_dataSource);
        var identity = ClusterIdentity.Create(role);
        builder.Services.AddGrainRuntime().UsePostgresStorage().AddRideGrains().AddChatGrains()
            .AddGrain<ICounterGrain, CounterGrain>().AddGrain<IHeldReplyGrain, HeldReplyGrain>().AddJsonContext(ClusterTestJsonContext.Default)
            .UseCluster(role, identity);
        var host = builder.Build();
        await host.StartAsync();
        var member = new Member(host, identity);
        _members.Add(member);
        return member;
    }
}
