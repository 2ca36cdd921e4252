using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using OrleansRides.Runtime.Activation;

namespace OrleansRides.Runtime.Cluster;

/// <summary>What only a silo has: its membership agent, its call handler, its hand-off and the catalog it hands off.</summary>
internal sealed record SiloParts(SiloMembershipAgent Agent, SiloCallHandler Calls, ActivationHandOff HandOff, ActivationCatalog Catalog);

/// <summary>The one place that states the order in which a cluster member starts and stops (after the stages of Orleans'
/// <c>ServiceLifecycleStage</c>, in the few this runtime needs). Registered after the runtime's own hosted service, so it
/// starts after it and stops before it.</summary>
/// <remarks>
/// Start, in the order of <see cref="StartStage"/>:
/// <list type="number">
/// <item><see cref="StartStage.Observers"/>: the dispatcher (fails calls in flight to silos that left) and, on a silo, the
///   hand-off (of what it no longer owns) subscribe to view changes.</item>
/// <item><see cref="StartStage.Transport"/>: connect to the broker, declare this process's queues and consume into the
///   handlers (requests: the silo's call handler; responses: the dispatcher; events: the topic bus). The call queue must
///   exist before the silo joins, or others would route calls to a queue that is not there.</item>
/// <item><see cref="StartStage.Membership"/>: a silo joins and starts its agent; a frontend reads the view and keeps it
///   fresh.</item>
/// </list>
/// Stop: a silo that was not declared dead marks itself shutting down (others stop placing grains here), hands off every
/// activation (each saves its state), marks itself dead, then keeps answering <c>NOT_OWNER</c> for three probe intervals
/// while every node re-reads the table. Then membership stops and the transport closes.
/// </remarks>
internal sealed class ClusterLifecycle(
    RabbitMqTransport transport, MembershipViewProvider view, ClusterCallDispatcher dispatcher, RabbitMqTopicBus topics,
    SiloParts? silo, IOptions<ClusterOptions> options)
    : IHostedService
{
    /// <summary>The start-up stages, in order.</summary>
    public enum StartStage
    {
        /// <summary>View-change subscribers attach.</summary>
        Observers,

        /// <summary>The broker connection and this process's queues.</summary>
        Transport,

        /// <summary>Join (silo) or read the view (frontend).</summary>
        Membership,
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var stage in Enum.GetValues<StartStage>())
        {
            await StartAsync(stage, cancellationToken);
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (silo is not null && !silo.Agent.IsDeclaredDead)
        {
            silo.Agent.BeginLeaving();
            await silo.Catalog.DeactivateAllAsync(cancellationToken);
            silo.Agent.FinishLeaving();
            // Keep answering (NOT_OWNER) until every node has re-read the table and stopped sending here; messages
            // still queued when the queue closes would be dropped unanswered.
            await Task.Delay(options.Value.ProbeInterval * 3, CancellationToken.None);
        }
        if (silo is not null)
        {
            await silo.Agent.StopAsync();
        }
        await view.StopAsync();
        await transport.DisposeAsync();
    }

    private Task StartAsync(StartStage stage, CancellationToken cancellationToken)
    {
        switch (stage)
        {
            case StartStage.Observers:
                view.ViewChanged += dispatcher.OnViewChanged;
                if (silo is not null)
                {
                    view.ViewChanged += (_, current) => silo.HandOff.OnViewChanged(current);
                }
                return Task.CompletedTask;
            case StartStage.Transport:
                return transport.StartAsync(new ClusterMessageHandlers(silo?.Calls, dispatcher, topics), cancellationToken);
            case StartStage.Membership:
                return silo is not null ? silo.Agent.StartAsync(cancellationToken) : view.StartObservingAsync(cancellationToken);
            default:
                throw new ArgumentOutOfRangeException(nameof(stage), stage, null);
        }
    }
}
