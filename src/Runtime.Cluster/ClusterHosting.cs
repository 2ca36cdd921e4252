using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
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
    /// Needs an <see cref="Npgsql.NpgsqlDataSource"/>; binds <see cref="ClusterOptions"/> from the <c>Cluster</c> section.
    /// Start-up and shut-down order: <see cref="ClusterLifecycle"/>.</summary>
    public static GrainRuntimeBuilder UseCluster(this GrainRuntimeBuilder builder, ClusterRole role, ClusterIdentity? identity = null)
    {
        var services = builder.Services;
        services.AddOptions<ClusterOptions>().BindConfiguration(ClusterOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<Microsoft.Extensions.Options.IValidateOptions<ClusterOptions>, ClusterOptionsValidator>());
        builder.AddJsonContext(ClusterJsonContext.Default);
        services.AddSingleton(identity ?? ClusterIdentity.Create(role));
        services.AddSingleton<MembershipTable>();
        services.AddSingleton<IMembershipTable>(sp => sp.GetRequiredService<MembershipTable>());
        services.AddSingleton<RabbitMqTransport>();
        services.AddSingleton<ISiloProber, RabbitMqSiloProber>();
        services.AddSingleton<MembershipViewProvider>();
        services.AddSingleton<GrainWireFormat>();
        services.AddSingleton<ClusterCallDispatcher>();
        services.Replace(ServiceDescriptor.Singleton<IGrainCallDispatcher>(sp => sp.GetRequiredService<ClusterCallDispatcher>()));
        services.AddSingleton<RabbitMqTopicBus>();
        services.Replace(ServiceDescriptor.Singleton<ITopicBus>(sp => sp.GetRequiredService<RabbitMqTopicBus>()));
        if (role == ClusterRole.Silo)
        {
            services.AddSingleton<SiloOwnership>();
            services.Replace(ServiceDescriptor.Singleton<IGrainOwnershipPolicy>(sp => sp.GetRequiredService<SiloOwnership>()));
            services.AddSingleton<SiloMembershipAgent>();
            services.AddSingleton<SiloCallHandler>();
            services.AddSingleton<ActivationHandOff>();
        }
        services.AddHostedService(sp => new ClusterLifecycle(
            sp.GetRequiredService<RabbitMqTransport>(), sp.GetRequiredService<MembershipViewProvider>(),
            sp.GetRequiredService<ClusterCallDispatcher>(), sp.GetRequiredService<RabbitMqTopicBus>(),
            role == ClusterRole.Silo ? new SiloParts(sp.GetRequiredService<SiloMembershipAgent>(), sp.GetRequiredService<SiloCallHandler>(),
                sp.GetRequiredService<ActivationHandOff>(), sp.GetRequiredService<ActivationCatalog>()) : null,
            sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<ClusterOptions>>()));
        return builder;
    }
}
