using System.Collections.Concurrent;
using OrleansRides.Runtime.Topics;

namespace OrleansRides.Runtime.Cluster;

/// <summary>Topics over RabbitMQ: one publish to the direct exchange <see cref="RabbitMqTransport.TopicExchange"/> per event,
/// routed by the bindings that frontends hold for the topics their local connections need. Bindings live in the broker and
/// are re-established with the connection after a failure.</summary>
internal sealed class RabbitMqTopicBus : ITopicBus, IClusterEventHandler
{
    private readonly RabbitMqTransport _transport;
    private readonly GrainWireFormat _wire;
    private readonly TopicMessageTypes _types;
    private readonly ConcurrentDictionary<Subscriber, byte> _subscribers = new();
    private readonly ConcurrentDictionary<string, int> _bindings = new();
    private readonly SemaphoreSlim _bindingGate = new(1, 1);
    private readonly RuntimeMetrics _metrics;

    public RabbitMqTopicBus(RabbitMqTransport transport, GrainWireFormat wire, TopicMessageTypes types, RuntimeMetrics metrics)
    {
        (_transport, _wire, _types, _metrics) = (transport, wire, types, metrics);
    }

    public async ValueTask PublishAsync(string topic, object message)
    {
        _metrics.Published();
        await _transport.PublishEventAsync(topic, message.GetType().FullName!, _wire.WriteEvent(message));
    }

    public ITopicSubscriber CreateSubscriber(Func<string, object, ValueTask> onMessage)
    {
        var subscriber = new Subscriber(this, onMessage);
        _subscribers[subscriber] = 0;
        return subscriber;
    }

    public async Task HandleEventAsync(string topic, string eventType, byte[] payload)
    {
        var message = _wire.ReadEvent(_types.Resolve(eventType), payload);
        foreach (var subscriber in _subscribers.Keys)
        {
            if (subscriber.Topics.ContainsKey(topic))
            {
                await subscriber.OnMessage(topic, message);
            }
        }
    }

    private async ValueTask ChangeBindingAsync(string topic, int delta)
    {
        await _bindingGate.WaitAsync();
        try
        {
            var count = _bindings.GetValueOrDefault(topic) + delta;
            if (count > 0)
            {
                if (delta > 0 && count == 1)
                {
                    await _transport.BindAsync(topic);
                }
                _bindings[topic] = count;
            }
            else if (_bindings.TryRemove(topic, out _))
            {
                await _transport.UnbindAsync(topic);
            }
        }
        finally
        {
            _bindingGate.Release();
        }
    }

    private sealed class Subscriber(RabbitMqTopicBus bus, Func<string, object, ValueTask> onMessage) : ITopicSubscriber
    {
        public ConcurrentDictionary<string, byte> Topics { get; } = new();

        public Func<string, object, ValueTask> OnMessage => onMessage;

        public async ValueTask SubscribeAsync(string topic)
        {
            if (Topics.TryAdd(topic, 0))
            {
                await bus.ChangeBindingAsync(topic, +1);
            }
        }

        public async ValueTask UnsubscribeAsync(string topic)
        {
            if (Topics.TryRemove(topic, out _))
            {
                await bus.ChangeBindingAsync(topic, -1);
            }
        }

        public async ValueTask DisposeAsync()
        {
            bus._subscribers.TryRemove(this, out _);
            foreach (var topic in Topics.Keys)
            {
                await UnsubscribeAsync(topic);
            }
        }
    }
}
