using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using OrleansRides.Runtime;
using OrleansRides.Runtime.Cluster;
using OrleansRides.Tests.Shared;
using Xunit.Abstractions;

namespace OrleansRides.Cluster.Tests;

[Collection(ClusterCollection.Name)]
public sealed class ClusterTests(TestDatabase database, ITestOutputHelper output)
{
    // Per test: grain state lives in one shared database, so keys must not repeat across tests.
    private readonly string[] Keys = [.. Enumerable.Range(0, 300).Select(i => $"{Guid.NewGuid():N}"[..8] + $"-g{i}")];

    [Fact]
    public async Task Three_silos_host_300_grains_with_exactly_one_activation_each_on_its_rendezvous_owner()
    {
        await using var cluster = new TestCluster(database);
        var client = await StartThreeSilosAndClientAsync(cluster);

        var hosts = await Task.WhenAll(Keys.Select(k => client.Grains.GetGrain<ICounterGrain>(k).Silo()));

        var activations = cluster.Activations();
        Assert.Equal(300, activations.Count);
        Assert.All(activations.Values, silos => Assert.Single(silos));
        var view = client.Membership.Current;
        Assert.All(Keys.Zip(hosts), pair => Assert.Equal(view.OwnerOf(new GrainId("counter", pair.First))!.SiloId, pair.Second));
        var perSilo = hosts.GroupBy(h => h).Select(g => g.Count()).ToArray();
        output.WriteLine($"grains per silo: {string.Join(", ", perSilo)}");
        Assert.Equal(3, perSilo.Length);
        Assert.All(perSilo, n => Assert.InRange(n, 60, 140));
    }

    [Fact]
    public async Task A_fourth_silo_takes_over_some_grains_and_no_call_is_lost()
    {
        await using var cluster = new TestCluster(database);
        var client = await StartThreeSilosAndClientAsync(cluster);
        var load = await StartWarmLoadAsync(client);

        var fourth = await cluster.StartSiloAsync();
        await Eventually.TrueAsync(() => fourth.Catalog.Count > 0 && load.Total > 3000, "the new silo to serve grains", TimeSpan.FromSeconds(30));
        await load.StopAsync();

        Assert.True(load.Failures.IsEmpty, string.Join("; ", load.Failures.Take(5).Select(f => $"{f.Key}: {f.Code} after {f.After.TotalMilliseconds:0} ms")));
        await AssertNoAcknowledgedIncrementLost(client, load);
        Assert.All(cluster.Activations().Values, silos => Assert.Single(silos));
        output.WriteLine($"{load.Total} calls; {fourth.Catalog.Count} activations moved to the new silo");
    }

    [Fact]
    public async Task A_silo_leaving_gracefully_under_load_loses_no_call()
    {
        await using var cluster = new TestCluster(database);
        var client = await StartThreeSilosAndClientAsync(cluster);
        var load = await StartWarmLoadAsync(client);

        var leaving = cluster.Silos[1];
        await cluster.StopSiloAsync(leaving);
        var after = load.Total;
        await Eventually.TrueAsync(() => load.Total > after + 2000, "calls to continue", TimeSpan.FromSeconds(30));
        await load.StopAsync();

        Assert.True(load.Failures.IsEmpty, string.Join("; ", load.Failures.Take(5).Select(f => $"{f.Key}: {f.Code} after {f.After.TotalMilliseconds:0} ms")));
        await AssertNoAcknowledgedIncrementLost(client, load);
        Assert.DoesNotContain(client.Membership.Current.Active, s => s.SiloId == leaving.Id);
    }

    [Fact]
    public async Task A_killed_silo_is_detected_fast_and_its_grains_serve_again_with_in_flight_calls_failing_as_retryable()
    {
        await using var cluster = new TestCluster(database);
        var client = await StartThreeSilosAndClientAsync(cluster);
        var load = await StartWarmLoadAsync(client);
        var victim = cluster.Silos[0];
        var victimGrains = Keys.Where(k => client.Membership.Current.OwnerOf(new GrainId("counter", k))!.SiloId == victim.Id).ToArray();

        var clock = Stopwatch.StartNew();
        await cluster.KillSiloAsync(victim);
        await Eventually.TrueAsync(() => client.Membership.Current.Silos.Any(s => s.SiloId == victim.Id && s.Status == SiloStatus.Dead),
            "the victim to be declared dead", TimeSpan.FromSeconds(10));
        var detected = clock.Elapsed;
        await Task.WhenAll(victimGrains.Select(k => client.Grains.GetGrain<ICounterGrain>(k).Increment()));
        var recovered = clock.Elapsed;
        await load.StopAsync();

        output.WriteLine($"crash detected after {detected.TotalMilliseconds:0} ms; all {victimGrains.Length} of its grains served again after {recovered.TotalMilliseconds:0} ms");
        Measurements.Record($"[cluster] kill: detected in {detected.TotalMilliseconds:0} ms, {victimGrains.Length} grains recovered in {recovered.TotalMilliseconds:0} ms");
        Assert.True(detected < TimeSpan.FromSeconds(5), $"detection took {detected}");
        Assert.All(load.Failures, f =>
        {
            Assert.Equal(SiloUnavailableException.Codes.SiloUnavailable, f.Code);
            Assert.True(f.After < TimeSpan.FromSeconds(5), $"a call failed only after {f.After}");
        });
    }

    [Fact]
    public async Task Two_silos_racing_to_declare_a_third_dead_produce_one_outcome()
    {
        await using var cluster = new TestCluster(database);
        var a = await cluster.StartSiloAsync();
        var b = await cluster.StartSiloAsync();
        var c = await cluster.StartSiloAsync();
        var table = a.Host.Services.GetService(typeof(MembershipTable)) as MembershipTable;
        var row = (await table!.ReadAsync(CancellationToken.None)).Silos.Single(s => s.SiloId == c.Id);

        var outcomes = await Task.WhenAll(
            Task.Run(() => table.TryUpdateStatus(c.Id, SiloStatus.Dead, row.Version, a.Id)),
            Task.Run(() => table.TryUpdateStatus(c.Id, SiloStatus.Dead, row.Version, b.Id)));

        Assert.Single(outcomes, won => won);
        var after = await table.ReadAsync(CancellationToken.None);
        var dead = after.Silos.Single(s => s.SiloId == c.Id);
        Assert.Equal((SiloStatus.Dead, row.Version + 1), (dead.Status, dead.Version));
        await Eventually.TrueAsync(() => c.Agent.IsDeclaredDead, "the declared silo to notice");
        c.Killed = true;
    }

    [Fact]
    public async Task A_silo_declared_dead_stops_serving_and_its_grains_move()
    {
        await using var cluster = new TestCluster(database);
        var doomed = await cluster.StartSiloAsync();
        var survivor = await cluster.StartSiloAsync();
        var client = await cluster.StartClientAsync();
        await Eventually.TrueAsync(() => client.Membership.Current.Active.Count == 2, "2 silos");
        var onDoomed = Keys.First(k => client.Membership.Current.OwnerOf(new GrainId("counter", k))!.SiloId == doomed.Id);
        await client.Grains.GetGrain<ICounterGrain>(onDoomed).Increment();

        var table = (MembershipTable)survivor.Host.Services.GetService(typeof(MembershipTable))!;
        var row = (await table.ReadAsync(CancellationToken.None)).Silos.Single(s => s.SiloId == doomed.Id);
        Assert.True(table.TryUpdateStatus(doomed.Id, SiloStatus.Dead, row.Version, "test"));

        await Eventually.TrueAsync(() => doomed.Agent.IsDeclaredDead, "the silo to read that it is dead");
        var lifetime = (Microsoft.Extensions.Hosting.IHostApplicationLifetime)doomed.Host.Services.GetService(typeof(Microsoft.Extensions.Hosting.IHostApplicationLifetime))!;
        await Eventually.TrueAsync(() => lifetime.ApplicationStopping.IsCancellationRequested, "the silo's process to stop");
        await Eventually.TrueAsync(() => client.Membership.Current.Active.Count == 1, "the client to see one silo");
        Assert.Equal(survivor.Id, await client.Grains.GetGrain<ICounterGrain>(onDoomed).Silo());
        Assert.Equal(2, await client.Grains.GetGrain<ICounterGrain>(onDoomed).Increment());
        doomed.Killed = true;
    }

    [Fact]
    public async Task A_silo_that_stops_heartbeating_is_declared_dead_within_five_seconds()
    {
        await using var cluster = new TestCluster(database);
        var hung = await cluster.StartSiloAsync();
        var watcher = await cluster.StartSiloAsync();
        await Eventually.TrueAsync(() => watcher.Membership.Current.Active.Count == 2, "2 silos");

        var clock = Stopwatch.StartNew();
        await cluster.HangSiloAsync(hung);
        await Eventually.TrueAsync(() => watcher.Membership.Current.Silos.Any(s => s.SiloId == hung.Id && s.Status == SiloStatus.Dead),
            "the hung silo to be declared dead", TimeSpan.FromSeconds(10));

        Measurements.Record($"[cluster] hang: declared dead by heartbeat timeout after {clock.ElapsedMilliseconds} ms");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed}");
        await hung.Host.Services.GetRequiredService<RabbitMqTransport>().DisposeAsync();
    }

    [Fact]
    public async Task A_saturated_CPU_causes_no_false_death_declaration()
    {
        await using var cluster = new TestCluster(database);
        var client = await StartThreeSilosAndClientAsync(cluster);
        var load = new CallLoad(client.Grains, Keys, workers: 16);

        // Twice as many spinning threads as cores, for longer than two death timeouts.
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(9));
        var spinners = Enumerable.Range(0, Environment.ProcessorCount * 2).Select(_ => new Thread(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                Thread.SpinWait(1000);
            }
        })).ToList();
        spinners.ForEach(t => t.Start());
        spinners.ForEach(t => t.Join());
        await load.StopAsync();

        var view = await client.Host.Services.GetRequiredService<MembershipTable>().ReadAsync(CancellationToken.None);
        Assert.Equal(3, view.Active.Count);
        Assert.DoesNotContain(view.Silos, s => s.Status == SiloStatus.Dead);
        Assert.True(load.Failures.IsEmpty, string.Join("; ", load.Failures.Take(5).Select(f => $"{f.Key}: {f.Code}")));
        Measurements.Record($"[cluster] CPU saturated for 9 s: {load.Total} calls served, no silo declared dead");
    }

    private static async Task<Member> StartThreeSilosAndClientAsync(TestCluster cluster)
    {
        for (var i = 0; i < 3; i++)
        {
            await cluster.StartSiloAsync();
        }
        var client = await cluster.StartClientAsync();
        await Eventually.TrueAsync(() => client.Membership.Current.Active.Count == 3, "the client to see 3 silos");
        return client;
    }

    private async Task<CallLoad> StartWarmLoadAsync(Member client)
    {
        var load = new CallLoad(client.Grains, Keys);
        await Eventually.TrueAsync(() => load.Total > 600, "load to warm up", TimeSpan.FromSeconds(30));
        return load;
    }

    private static async Task AssertNoAcknowledgedIncrementLost(Member client, CallLoad load)
    {
        foreach (var (key, successes) in load.Successes)
        {
            Assert.Equal(successes, await client.Grains.GetGrain<ICounterGrain>(key).Get());
        }
    }
}
