using System.Globalization;
using Microsoft.Extensions.Options;

namespace OrleansRides.Runtime.Cluster;

/// <summary>The rules of <see cref="ClusterOptions"/>, checked when the host starts (<c>ValidateOnStart</c>):
/// <list type="bullet">
/// <item><c>Cluster:ClusterId</c> is not empty (it keys the membership rows and names the topic exchange).</item>
/// <item><c>Cluster:RabbitMqUrl</c> is an absolute <c>amqp://</c> or <c>amqps://</c> URI.</item>
/// <item><c>Cluster:HeartbeatInterval</c>, <c>Cluster:ProbeInterval</c>, <c>Cluster:DeathTimeout</c> and
/// <c>Cluster:DeadRowRetention</c> are positive; <c>Cluster:RetryBackoff</c> is not negative.</item>
/// <item><c>Cluster:BrokerHeartbeat</c> is at least 1 s: AMQP negotiates whole seconds, and 0 turns heartbeats off, which
/// would keep a partitioned process's call queue alive.</item>
/// <item>On a silo, <c>Cluster:DeathTimeout</c> exceeds <c>Cluster:HeartbeatInterval + Cluster:ProbeInterval</c>: a silo
/// writes its heartbeat on its membership rounds, which are a probe interval apart, so two heartbeats of a healthy silo can
/// be up to that sum apart, and a shorter timeout declares it dead. A client neither heartbeats nor judges heartbeats, so
/// the rule does not bind it (a test client sets <c>ProbeInterval</c> to an hour to stop re-reading the table).</item>
/// </list></summary>
public sealed class ClusterOptionsValidator(ClusterIdentity identity) : IValidateOptions<ClusterOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, ClusterOptions options)
    {
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.ClusterId))
        {
            failures.Add("Cluster:ClusterId must not be empty: it keys the membership rows and names the topic exchange.");
        }
        if (!Uri.TryCreate(options.RabbitMqUrl, UriKind.Absolute, out var broker) || broker.Scheme is not ("amqp" or "amqps"))
        {
            failures.Add($"Cluster:RabbitMqUrl must be an amqp:// or amqps:// URI such as amqp://guest:guest@127.0.0.1:5673/, not '{options.RabbitMqUrl}'.");
        }
        Positive(failures, "HeartbeatInterval", options.HeartbeatInterval);
        Positive(failures, "ProbeInterval", options.ProbeInterval);
        Positive(failures, "DeathTimeout", options.DeathTimeout);
        Positive(failures, "DeadRowRetention", options.DeadRowRetention);
        if (options.RetryBackoff < TimeSpan.Zero)
        {
            failures.Add($"Cluster:RetryBackoff must not be negative, not {Seconds(options.RetryBackoff)}.");
        }
        if (options.BrokerHeartbeat < TimeSpan.FromSeconds(1))
        {
            failures.Add($"Cluster:BrokerHeartbeat ({Seconds(options.BrokerHeartbeat)}) must be at least 1 s: AMQP negotiates whole seconds and 0 turns heartbeats off.");
        }
        if (identity.Role == ClusterRole.Silo && options.DeathTimeout <= options.HeartbeatInterval + options.ProbeInterval)
        {
            failures.Add($"Cluster:DeathTimeout ({Seconds(options.DeathTimeout)}) must exceed Cluster:HeartbeatInterval + Cluster:ProbeInterval "
                + $"({Seconds(options.HeartbeatInterval)} + {Seconds(options.ProbeInterval)}): a silo heartbeats on its probe rounds, "
                + "so a shorter timeout declares healthy silos dead.");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void Positive(List<string> failures, string key, TimeSpan value)
    {
        if (value <= TimeSpan.Zero)
        {
            failures.Add($"Cluster:{key} must be positive, not {Seconds(value)}.");
        }
    }

    private static string Seconds(TimeSpan value) => string.Create(CultureInfo.InvariantCulture, $"{value.TotalSeconds:0.###} s");
}
