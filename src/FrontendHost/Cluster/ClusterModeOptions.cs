using OrleansRides.FrontendHost.Infrastructure;

namespace OrleansRides.FrontendHost.Cluster;

/// <summary>Whether this frontend is a cluster client, the frontend's own key of the <c>Cluster</c> section (environment
/// <c>Cluster__Enabled=true</c>); the runtime's keys of that section are <see cref="Runtime.Cluster.ClusterOptions"/>, which
/// are validated at start whenever cluster mode is on. Read while the host is being built, since it decides which services
/// are registered (<see cref="Of"/>).</summary>
public sealed class ClusterModeOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Cluster";

    /// <summary>True: grains run on silos, reached over RabbitMQ (README, "Cluster mode"). Default false: this process
    /// hosts the grains itself (embedded), so one process plus PostgreSQL is the whole system.</summary>
    public bool Enabled { get; set; }

    /// <summary>The options of <paramref name="builder"/>, bound from its configuration on first use and kept in its
    /// <see cref="IHostApplicationBuilder.Properties"/>, so every feature that asks sees the same answer.</summary>
    /// <exception cref="Microsoft.Extensions.Options.OptionsValidationException"><c>Cluster:Enabled</c> is not true or false.</exception>
    public static ClusterModeOptions Of(IHostApplicationBuilder builder)
    {
        if (!builder.Properties.TryGetValue(typeof(ClusterModeOptions), out var known))
        {
            builder.Properties[typeof(ClusterModeOptions)] = known = ValidatedOptions.ReadNow<ClusterModeOptions>(builder.Configuration, SectionName, null);
        }
        return (ClusterModeOptions)known;
    }
}
