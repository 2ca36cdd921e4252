namespace OrleansRides.Runtime.Topics;

/// <summary>Publishes events to topics such as <c>ride/K7Q2XZ</c>. A grain publishes once; every frontend that subscribed
/// the topic gets the event. The publisher never learns who is listening.</summary>
public interface ITopicPublisher
{
    /// <summary>Hands the event to the bus. Events from one publisher reach each subscriber in publish order.
    /// Completes once the bus has accepted the event, not when subscribers have handled it.</summary>
    ValueTask PublishAsync(string topic, object message);
}

/// <summary>One frontend's subscription set: all its topics share one ordered delivery queue, as a RabbitMQ queue per
/// frontend bound to a direct exchange does in cluster mode.</summary>
public interface ITopicSubscriber : IAsyncDisposable
{
    /// <summary>Adds a topic. Idempotent.</summary>
    ValueTask SubscribeAsync(string topic);

    /// <summary>Removes a topic. Events already queued for it are still delivered.</summary>
    ValueTask UnsubscribeAsync(string topic);
}

/// <summary>Creates subscribers; implemented in memory (embedded mode, tests) and over RabbitMQ (cluster mode).</summary>
public interface ITopicBus : ITopicPublisher
{
    /// <summary>Creates a subscriber whose events are handed, one at a time and in order, to <paramref name="onMessage"/>.</summary>
    /// <param name="onMessage">Receives (topic, event). Exceptions are logged and do not stop delivery.</param>
    ITopicSubscriber CreateSubscriber(Func<string, object, ValueTask> onMessage);
}
