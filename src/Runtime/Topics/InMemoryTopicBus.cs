using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace OrleansRides.Runtime.Topics;

/// <summary>Topic bus inside one process. Publishing only writes to each subscriber's queue, so a slow SignalR client
/// never holds up the grain turn that published.</summary>
public sealed class InMemoryTopicBus(ILogger<InMemoryTopicBus> logger, RuntimeMetrics metrics) : ITopicBus
{
    private readonly ConcurrentDictionary<string, ImmutableHashSet<Subscriber>> _topics = new();
    private readonly ILogger _logger = logger;

    /// <inheritdoc />
    public ValueTask PublishAsync(string topic, object message)
    {
        metrics.Published();
        if (_topics.TryGetValue(topic, out var subscribers))
        {
            foreach (var subscriber in subscribers)
            {
                subscriber.Enqueue(topic, message);
            }
        }
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ITopicSubscriber CreateSubscriber(Func<string, object, ValueTask> onMessage) => new Subscriber(this, onMessage);

    private sealed class Subscriber : ITopicSubscriber
    {
        private readonly InMemoryTopicBus _bus;
        private readonly Func<string, object, ValueTask> _onMessage;
        private readonly Channel<(string Topic, object Message)> _queue =
            Channel.CreateUnbounded<(string, object)>(new() { SingleReader = true });
        private readonly Task _delivery;

        public Subscriber(InMemoryTopicBus bus, Func<string, object, ValueTask> onMessage)
        {
            _bus = bus;
            _onMessage = onMessage;
            _delivery = Task.Run(DeliverAsync);
        }

        public void Enqueue(string topic, object message) => _queue.Writer.TryWrite((topic, message));

        public ValueTask SubscribeAsync(string topic)
        {
            _bus._topics.AddOrUpdate(topic, _ => [this], (_, set) => set.Add(this));
            return ValueTask.CompletedTask;
        }

        public ValueTask UnsubscribeAsync(string topic)
        {
            _bus._topics.AddOrUpdate(topic, _ => [], (_, set) => set.Remove(this));
            _bus._topics.TryRemove(new KeyValuePair<string, ImmutableHashSet<Subscriber>>(topic, []));
            return ValueTask.CompletedTask;
        }

        public async ValueTask DisposeAsync()
        {
            foreach (var topic in _bus._topics.Keys)
            {
                await UnsubscribeAsync(topic);
            }
            _queue.Writer.TryComplete();
            await _delivery;
        }

        private async Task DeliverAsync()
        {
            await foreach (var (topic, message) in _queue.Reader.ReadAllAsync())
            {
                try
                {
                    await _onMessage(topic, message);
                }
                catch (Exception ex)
                {
                    _bus._logger.LogError(ex, "Delivery of {MessageType} on {Topic} failed", message.GetType().Name, topic);
                }
            }
        }
    }
}
