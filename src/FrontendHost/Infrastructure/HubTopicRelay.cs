using Microsoft.AspNetCore.SignalR;
using OrleansRides.Runtime.Topics;

namespace OrleansRides.FrontendHost.Infrastructure;

/// <summary>Base of a hub's push relay: a connection that needs a topic's events joins the SignalR group named as the
/// topic, and this frontend subscribes the topic while it has at least one such connection. Subclasses turn each event
/// into client callbacks.</summary>
/// <typeparam name="THub">The hub.</typeparam>
/// <typeparam name="TClient">Its client callbacks.</typeparam>
public abstract class HubTopicRelay<THub, TClient> : IHostedService, IAsyncDisposable
    where THub : Hub<TClient> where TClient : class
{
    private readonly LocalTopicSubscriptions _topics;

    /// <summary>Creates the relay; <see cref="StartAsync"/> subscribes.</summary>
    protected HubTopicRelay(ITopicBus bus, IHubContext<THub, TClient> hub)
    {
        Hub = hub;
        _topics = new LocalTopicSubscriptions(bus, DeliverAsync);
    }

    /// <summary>The hub's context, for sending.</summary>
    protected IHubContext<THub, TClient> Hub { get; }

    /// <inheritdoc />
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _topics.Start();
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public async Task StopAsync(CancellationToken cancellationToken) => await DisposeAsync();

    /// <summary>Adds a connection to the topic's group and subscribes the topic for its first local member. Call before the
    /// grain call whose answer the client combines with later events, so none published after it is missed.</summary>
    public async Task AddAsync(string topic, string connectionId)
    {
        await Hub.Groups.AddToGroupAsync(connectionId, topic);
        await _topics.AddAsync(topic);
    }

    /// <summary>Takes a connection out of the topic's group; unsubscribes when no local member is left.</summary>
    public async Task RemoveAsync(string topic, string connectionId)
    {
        await Hub.Groups.RemoveFromGroupAsync(connectionId, topic);
        await _topics.RemoveAsync(topic);
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        return _topics.DisposeAsync();
    }

    /// <summary>Sends one event, received on <paramref name="topic"/>, to the clients it concerns.</summary>
    protected abstract ValueTask DeliverAsync(string topic, object message);
}
