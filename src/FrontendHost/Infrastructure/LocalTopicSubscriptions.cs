using OrleansRides.Runtime.Topics;

namespace OrleansRides.FrontendHost.Infrastructure;

/// <summary>One frontend's topic subscriptions for its local hub connections: a topic is subscribed while at least one local
/// connection needs it (reference counted), and every event is handed to <c>deliver</c> in order. Grains publish once per
/// event and never learn which frontend holds whom.</summary>
public sealed class LocalTopicSubscriptions(ITopicBus bus, Func<string, object, ValueTask> deliver) : IAsyncDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Dictionary<string, int> _localMembers = new(StringComparer.Ordinal);
    private ITopicSubscriber? _subscriber;

    /// <summary>Creates the bus subscriber; call once, before the first <see cref="AddAsync"/>.</summary>
    public void Start() => _subscriber = bus.CreateSubscriber(deliver);

    /// <summary>Counts one more local member of <paramref name="topic"/>; subscribes it for the first.</summary>
    public async Task AddAsync(string topic)
    {
        await _gate.WaitAsync();
        try
        {
            var count = _localMembers.GetValueOrDefault(topic) + 1;
            _localMembers[topic] = count;
            if (count == 1)
            {
                await Subscriber.SubscribeAsync(topic);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Counts one local member less; unsubscribes the topic when none is left.</summary>
    public async Task RemoveAsync(string topic)
    {
        await _gate.WaitAsync();
        try
        {
            var count = _localMembers.GetValueOrDefault(topic) - 1;
            if (count > 0)
            {
                _localMembers[topic] = count;
                return;
            }
            if (_localMembers.Remove(topic))
            {
                await Subscriber.UnsubscribeAsync(topic);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _subscriber, null) is { } subscriber)
        {
            await subscriber.DisposeAsync();
        }
    }

    private ITopicSubscriber Subscriber =>
        _subscriber ?? throw new InvalidOperationException("Start() was not called, or the subscriptions were disposed.");
}
