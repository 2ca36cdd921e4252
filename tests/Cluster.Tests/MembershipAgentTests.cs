using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using OrleansRides.Runtime;
using OrleansRides.Runtime.Activation;
using OrleansRides.Runtime.Cluster;
using OrleansRides.Runtime.Hosting;
using OrleansRides.Tests.Shared;

namespace OrleansRides.Cluster.Tests;

/// <summary>The membership agent's rules on an in-memory table and a manual clock, after Orleans' MembershipAgentTests:
/// no database, no broker, each test milliseconds. (The PostgreSQL table keeps its own tests, and ClusterTests run the
/// same rules end to end.) Default options: heartbeat 1 s, death timeout 3.5 s, probe interval 0.5 s.</summary>
public sealed class MembershipAgentTests
{
    private readonly ManualTimeProvider _time = new();
    private readonly InMemoryMembershipTable _table;
    private readonly FakeProber _prober = new() { ConnectedFor = TimeSpan.FromMinutes(1) };

    public MembershipAgentTests() => _table = new InMemoryMembershipTable(_time);

    [Fact]
    public async Task A_silo_silent_for_longer_than_the_death_timeout_is_declared_dead_by_a_peer_and_not_before()
    {
        var a = await JoinAsync("silo-a");
        var b = await JoinAsync("silo-b");
        Assert.True(a.Agent.RunRound() && b.Agent.RunRound());

        // b heartbeats no more (a hang); a keeps its rounds.
        Advance(a, TimeSpan.FromSeconds(3.5));
        Assert.Equal(SiloStatus.Active, Row("silo-b").Status);

        Advance(a, TimeSpan.FromSeconds(0.5));

        Assert.Equal(SiloStatus.Dead, Row("silo-b").Status);
        Assert.Equal("silo-a", Row("silo-b").DeclaredDeadBy);
        Assert.DoesNotContain(a.View.Current.Active, s => s.SiloId == "silo-b");
    }

    [Fact]
    public async Task A_silo_that_reads_it_was_declared_dead_stops_its_process_and_serves_no_more()
    {
        var b = await JoinAsync("silo-b");
        Assert.True(_table.TryUpdateStatus("silo-b", SiloStatus.Dead, Row("silo-b").Version, "silo-a"));
        _time.Advance(TimeSpan.FromSeconds(1));

        Assert.False(b.Agent.RunRound());

        Assert.True(b.Agent.IsDeclaredDead);
        Assert.True(b.Lifetime.StopRequested);
    }

    [Fact]
    public async Task After_the_table_was_unreachable_nobody_is_judged_by_heartbeat_age_until_own_heartbeats_succeeded_long_enough()
    {
        var a = await JoinAsync("silo-a", _flaky);
        await JoinAsync("silo-b", _flaky);
        _flaky.Down = true;
        Advance(a, TimeSpan.FromSeconds(10)); // nobody can heartbeat; every age grows
        _flaky.Down = false;

        // Back: b's heartbeat is 10 s old, but a has only just started writing its own again. It waits a death timeout plus
        // the connect timeout (3.5 s + 5 s) of successful rounds before judging ages.
        Advance(a, TimeSpan.FromSeconds(8));
        Assert.Equal(SiloStatus.Active, Row("silo-b").Status);

        Advance(a, TimeSpan.FromSeconds(1));
        Assert.Equal(SiloStatus.Dead, Row("silo-b").Status);
    }

    [Fact]
    public async Task A_missing_queue_is_trusted_only_once_this_nodes_own_broker_connection_is_older_than_the_death_timeout()
    {
        var a = await JoinAsync("silo-a");
        await JoinAsync("silo-b");
        a.Agent.RunRound(); // a's view has b
        _prober.Unreachable.Add("silo-b");
        _prober.ConnectedFor = TimeSpan.FromSeconds(2);

        await a.Agent.ProbeOnceAsync(CancellationToken.None);
        await Task.Delay(100);
        Assert.Equal(SiloStatus.Active, Row("silo-b").Status);

        _prober.ConnectedFor = TimeSpan.FromSeconds(4);
        await a.Agent.ProbeOnceAsync(CancellationToken.None);

        await Eventually.TrueAsync(() => Row("silo-b").Status == SiloStatus.Dead, "b declared dead on the broker's evidence");
        Assert.Equal("silo-a (queue gone)", Row("silo-b").DeclaredDeadBy);
    }

    [Fact]
    public async Task A_graceful_leave_goes_shutting_down_then_dead_with_nobody_named_as_declarer()
    {
        var b = await JoinAsync("silo-b");

        b.Agent.BeginLeaving();
        Assert.Equal(SiloStatus.ShuttingDown, Row("silo-b").Status);
        b.Agent.FinishLeaving();

        Assert.True(Row("silo-b").LeftGracefully);
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.True(b.Agent.RunRound(), "a leaver that reads its own 'dead' keeps answering until its linger ends");
        Assert.False(b.Lifetime.StopRequested);
    }

    [Fact]
    public async Task A_view_change_hands_off_exactly_the_activations_this_silo_no_longer_owns()
    {
        var a = await JoinAsync("silo-a");
        var keys = Enumerable.Range(0, 40).Select(i => $"k{i}").ToArray();
        foreach (var key in keys)
        {
            await a.Grains.GetGrain<ICounterGrain>(key).Increment();
        }
        Assert.Equal(keys.Length, a.Catalog.Count);

        var b = await JoinAsync("silo-b");
        a.Agent.RunRound(); // a reads the view with b in it, and hands off

        var movedToB = keys.Where(k => b.View.Current.OwnerOf(new GrainId("counter", k))!.SiloId == "silo-b").ToArray();
        Assert.InRange(movedToB.Length, 1, keys.Length - 1);
        await Eventually.TrueAsync(() => a.Catalog.Count == keys.Length - movedToB.Length, "a to keep only what it owns");
        Assert.All(a.Catalog.Activations, activation => Assert.DoesNotContain(activation.Id.Key, movedToB));
    }

    private readonly FlakyTable _flaky = new();

    /// <summary>Runs the agent's rounds every probe interval for <paramref name="duration"/>.</summary>
    private void Advance(Silo silo, TimeSpan duration)
    {
        for (var elapsed = TimeSpan.Zero; elapsed < duration; elapsed += TimeSpan.FromMilliseconds(500))
        {
            _time.Advance(TimeSpan.FromMilliseconds(500));
            silo.Agent.RunRound();
        }
    }

    private SiloEntry Row(string siloId) => _table.Read().Silos.Single(s => s.SiloId == siloId);

    private async Task<Silo> JoinAsync(string siloId, FlakyTable? flaky = null)
    {
        IMembershipTable table = _table;
        if (flaky is not null)
        {
            flaky.Inner = _table;
            table = flaky;
        }
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<Microsoft.Extensions.Configuration.IConfiguration>(new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build());
        services.AddSingleton<TimeProvider>(_time);
        var identity = new ClusterIdentity(siloId, ClusterRole.Silo);
        services.AddGrainRuntime().UseInMemoryStorage().AddGrain<ICounterGrain, CounterGrain>().AddJsonContext(ClusterTestJsonContext.Default);
        services.AddSingleton(identity);
        services.AddSingleton(table);
        services.AddSingleton<ISiloProber>(_prober);
        services.AddSingleton(Options.Create(new ClusterOptions()));
        var lifetime = new FakeLifetime();
        services.AddSingleton<IHostApplicationLifetime>(lifetime);
        services.AddSingleton<MembershipViewProvider>();
        services.AddSingleton<SiloMembershipAgent>();
        services.AddSingleton<SiloOwnership>();
        services.Replace(ServiceDescriptor.Singleton<IGrainOwnershipPolicy>(sp => sp.GetRequiredService<SiloOwnership>()));
        services.AddSingleton<ActivationHandOff>();
        var provider = services.BuildServiceProvider();
        var view = provider.GetRequiredService<MembershipViewProvider>();
        var handOff = provider.GetRequiredService<ActivationHandOff>();
        view.ViewChanged += (_, current) => handOff.OnViewChanged(current);
        var agent = provider.GetRequiredService<SiloMembershipAgent>();
        await agent.JoinAsync(CancellationToken.None);
        return new Silo(agent, view, provider.GetRequiredService<ActivationCatalog>(), provider.GetRequiredService<IGrainFactory>(), lifetime);
    }

    private sealed record Silo(SiloMembershipAgent Agent, MembershipViewProvider View, ActivationCatalog Catalog, IGrainFactory Grains, FakeLifetime Lifetime);

    private sealed class FakeProber : ISiloProber
    {
        public HashSet<string> Unreachable { get; } = [];

        public TimeSpan? ConnectedFor { get; set; }

        public Task<bool> IsReachableAsync(SiloEntry silo, CancellationToken cancellationToken) =>
            Task.FromResult(!Unreachable.Contains(silo.SiloId));
    }

    /// <summary>A table that fails every call while <see cref="Down"/>, as PostgreSQL does when it is stopped.</summary>
    private sealed class FlakyTable : IMembershipTable
    {
        public IMembershipTable Inner { get; set; } = null!;

        public bool Down { get; set; }

        public Task RegisterAsync(string siloId, string queue, CancellationToken cancellationToken) => Up().RegisterAsync(siloId, queue, cancellationToken);

        public Task<MembershipView> ReadAsync(CancellationToken cancellationToken) => Up().ReadAsync(cancellationToken);

        public MembershipView Read() => Up().Read();

        public SiloStatus? Heartbeat(string siloId, int activationCount) => Up().Heartbeat(siloId, activationCount);

        public bool TryUpdateStatus(string siloId, SiloStatus status, long expectedVersion, string? declaredBy = null) =>
            Up().TryUpdateStatus(siloId, status, expectedVersion, declaredBy);

        public int DeleteDead(TimeSpan retention) => Up().DeleteDead(retention);

        private IMembershipTable Up() => Down ? throw new TimeoutException("the table is down") : Inner;
    }

    private sealed class FakeLifetime : IHostApplicationLifetime
    {
        public bool StopRequested { get; private set; }

        public CancellationToken ApplicationStarted => CancellationToken.None;

        public CancellationToken ApplicationStopping => CancellationToken.None;

        public CancellationToken ApplicationStopped => CancellationToken.None;

        public void StopApplication() => StopRequested = true;
    }
}
