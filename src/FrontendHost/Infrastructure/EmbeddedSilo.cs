using OrleansRides.FrontendHost.Cluster;
using OrleansRides.Grains;
using OrleansRides.Runtime.Cluster;
using OrleansRides.Runtime.Hosting;

namespace OrleansRides.FrontendHost.Infrastructure;

/// <summary>Where the grains run. The embedded default: this process also hosts them, with in-process calls and topics and
/// grain state in PostgreSQL, so one process plus PostgreSQL is the whole system. With <c>Cluster:Enabled=true</c>
/// (environment <c>CLUSTER__ENABLED=true</c>) this frontend hosts none and calls the silos over RabbitMQ.</summary>
public static class EmbeddedSilo
{
    /// <summary>Adds the grain runtime and the application's grains, embedded or as a cluster client.</summary>
    public static IHostApplicationBuilder AddGrains(this IHostApplicationBuilder builder)
    {
        var runtime = builder.Services.AddGrainRuntime().UsePostgresStorage().AddRideGrains().AddChatGrains().AddSessionGrains()
            .AddJsonContext(Auth.AccountJsonContext.Default).AddTopicMessageTypesDerivedFrom<Auth.AccountEvent>()
            .AddJsonContext(Site.SiteCacheJsonContext.Default).AddTopicMessageTypesDerivedFrom<Site.SiteEvent>();
        if (ClusterModeOptions.Of(builder).Enabled)
        {
            runtime.UseCluster(ClusterRole.Client);
        }
        return builder;
    }
}
