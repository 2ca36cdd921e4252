using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using OrleansRides.Runtime.Cluster;
using OrleansRides.Runtime.Hosting;

namespace OrleansRides.Cluster.Tests;

public sealed class ClusterOptionsValidatorTests
{
    private static readonly ClusterOptionsValidator Silo = new(new ClusterIdentity("silo-test", ClusterRole.Silo));
    private static readonly ClusterOptionsValidator Client = new(new ClusterIdentity("frontend-test", ClusterRole.Client));

    [Fact]
    public void The_defaults_pass_on_a_silo_and_a_client()
    {
        Assert.True(Silo.Validate(null, new ClusterOptions()).Succeeded);
        Assert.True(Client.Validate(null, new ClusterOptions()).Succeeded);
    }

    [Theory]
    [InlineData("amqps://user:secret@broker.example:5671/vhost")]
    [InlineData("amqp://guest:guest@rabbitmq:5672/")]
    public void An_amqp_or_amqps_broker_passes(string url) =>
        Assert.True(Silo.Validate(null, new ClusterOptions { RabbitMqUrl = url }).Succeeded);

    [Fact]
    public void A_death_timeout_not_above_heartbeat_plus_probe_fails_on_a_silo()
    {
        var options = new ClusterOptions { DeathTimeout = TimeSpan.FromSeconds(1.5), HeartbeatInterval = TimeSpan.FromSeconds(1), ProbeInterval = TimeSpan.FromSeconds(0.5) };

        var result = Silo.Validate(null, options);

        Assert.Equal(
            ["Cluster:DeathTimeout (1.5 s) must exceed Cluster:HeartbeatInterval + Cluster:ProbeInterval (1 s + 0.5 s): a silo heartbeats on its probe rounds, so a shorter timeout declares healthy silos dead."],
            result.Failures);
    }

    [Fact]
    public void A_client_that_never_re_reads_the_table_passes()
    {
        // GracefulLeaveRaceTests' client: it neither heartbeats nor judges heartbeats.
        Assert.True(Client.Validate(null, new ClusterOptions { ProbeInterval = TimeSpan.FromHours(1) }).Succeeded);
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public void An_empty_cluster_id_fails(string id) =>
        Assert.Equal(["Cluster:ClusterId must not be empty: it keys the membership rows and names the topic exchange."],
            Silo.Validate(null, new ClusterOptions { ClusterId = id }).Failures);

    [Theory]
    [InlineData("http://127.0.0.1:5673/")]
    [InlineData("127.0.0.1:5673")]
    [InlineData("")]
    public void A_broker_url_that_is_not_amqp_fails(string url) =>
        Assert.Equal([$"Cluster:RabbitMqUrl must be an amqp:// or amqps:// URI such as amqp://guest:guest@127.0.0.1:5673/, not '{url}'."],
            Silo.Validate(null, new ClusterOptions { RabbitMqUrl = url }).Failures);

    [Theory]
    [InlineData(nameof(ClusterOptions.HeartbeatInterval))]
    [InlineData(nameof(ClusterOptions.ProbeInterval))]
    [InlineData(nameof(ClusterOptions.DeathTimeout))]
    [InlineData(nameof(ClusterOptions.DeadRowRetention))]
    public void A_zero_interval_fails_naming_it(string property)
    {
        var options = new ClusterOptions();
        typeof(ClusterOptions).GetProperty(property)!.SetValue(options, TimeSpan.Zero);

        Assert.Contains($"Cluster:{property} must be positive, not 0 s.", Client.Validate(null, options).Failures!);
    }

    [Fact]
    public void A_negative_retry_backoff_fails() =>
        Assert.Equal(["Cluster:RetryBackoff must not be negative, not -0.1 s."],
            Client.Validate(null, new ClusterOptions { RetryBackoff = TimeSpan.FromMilliseconds(-100) }).Failures);

    [Fact]
    public void A_broker_heartbeat_under_a_second_fails() =>
        Assert.Equal(["Cluster:BrokerHeartbeat (0.5 s) must be at least 1 s: AMQP negotiates whole seconds and 0 turns heartbeats off."],
            Client.Validate(null, new ClusterOptions { BrokerHeartbeat = TimeSpan.FromMilliseconds(500) }).Failures);

    [Fact]
    public async Task A_silo_with_a_short_death_timeout_fails_at_start_naming_it()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Cluster:DeathTimeout"] = "00:00:01" });
        // Never opened: the host resolves its hosted services (the membership table among them) before validating.
        builder.Services.AddSingleton(Npgsql.NpgsqlDataSource.Create("Host=127.0.0.1;Port=1"));
        builder.Services.AddGrainRuntime().UseInMemoryStorage().UseCluster(ClusterRole.Silo);
        using var host = builder.Build();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("Cluster:DeathTimeout (1 s) must exceed Cluster:HeartbeatInterval + Cluster:ProbeInterval (1 s + 0.5 s)", error.Message);
    }
}
