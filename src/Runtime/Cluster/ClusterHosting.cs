using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using OrleansRides.Runtime.Activation;
using OrleansRides.Runtime.Calls;
using OrleansRides.Runtime.Hosting;
using OrleansRides.Runtime.Topics;

namespace OrleansRides.Runtime.Cluster;

/// <summary>Cluster-mode wiring: membership in PostgreSQL, calls and topics over RabbitMQ.</summary>
public static class ClusterHosting
{
    /// <summary>Turns this runtime into a cluster member: a <see cref="ClusterRole.Silo"/> hosts grains it owns under
    /// rendezvous placement; a <see cref="ClusterRole.Client"/> (frontend) only calls grains and receives topic events.
    /// Needs an <see cref="Npgsql.NpgsqlDataSource"/>; binds <see cref="ClusterOptions"/> from the <c>Cluster</c> section.</summary>
    public static GrainRuntimeBuilder UseCluster(this GrainRuntimeBuilder builder, ClusterRole role, ClusterIdentity? identity = null)
    {
        var services = builder.Services;
        services.AddOptions<ClusterOptions>().BindConfiguration(ClusterOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<Microsoft.Extensions.Options.IValidateOptions<ClusterOptions>, ClusterOptionsValidator>());
        services.AddSingleton(identity ?? ClusterIdentity.Create(role));
        services.AddSingleton<MembershipTable>();
        services.AddSingleton<MembershipService>();
        services.AddSingleton<RabbitMqTransport>();
        services.AddSingleton<GrainWireFormat>();
        services.AddSingleton<ClusterCallDispatcher>();
        services.Replace(ServiceDescriptor.Singleton<IGrainCallDispatcher>(sp => sp.GetRequiredService<ClusterCallDispatcher>()));
        services.AddSingleton<RabbitMqTopicBus>();
        services.Replace(ServiceDescriptor.Singleton<ITopicBus>(sp => sp.GetRequiredService<RabbitMqTopicBus>()));
        services.AddSingleton(builder.TopicTypes);
        if (role == ClusterRole.Silo)
        {
            services.AddSingleton<SiloCallHandler>();
        }
        services.AddHostedService<ClusterLifecycle>();
        return builder;
    }

    /// <summary>Starts the transport before joining (the queue must exist before others route to it) and, on a graceful
    /// stop, leaves in order: shutting down (others stop routing here), hand off every activation (each saves its state),
    /// then dead. Registered after the runtime's own service, so it stops first.</summary>
    private sealed class ClusterLifecycle(
        IServiceProvider services, RabbitMqTransport transport, MembershipService membership, ClusterIdentity identity,
        Microsoft.Extensions.Options.IOptions<ClusterOptions> options)
        : IHostedService
    {
        public async Task StartAsync(CancellationToken cancellationToken)
        {
            _ = services.GetRequiredService<ClusterCallDispatcher>();
            _ = services.GetRequiredService<RabbitMqTopicBus>();
            if (identity.Role == ClusterRole.Silo)
            {
                _ = services.GetRequiredService<SiloCallHandler>();
            }
            await transport.StartAsync(cancellationToken);
            await membership.StartAsync(cancellationToken);
        }

        public async Task StopAsync(CancellationToken cancellationToken)
        {
            if (identity.Role == ClusterRole.Silo && !membership.IsDeclaredDead)
            {
                membership.BeginLeaving();
                await services.GetRequiredService<ActivationCatalog>().DeactivateAllAsync(cancellationToken);
                membership.FinishLeaving();
                // Keep answering (NOT_OWNER) until every node has re-read the table and stopped sending here; messages
                // still queued when the queue closes would be dropped unanswered.
                await Task.Delay(options.Value.ProbeInterval * 3, CancellationToken.None);
            }
            await membership.StopAsync(cancellationToken);
            await transport.DisposeAsync();
        }
    }
}
