using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace OrleansRides.Runtime.Cluster;

/// <summary>This process's AMQP connection: one auto-delete queue for calls and responses, one exclusive queue for topic events, a direct
/// exchange for topics, and publishing. Connection and topology (queues, bindings, consumers) recover automatically after a
/// broker or network failure. Calls are published <c>mandatory</c>, so a call to a vanished queue comes back at once
/// (<see cref="IClusterResponseHandler.OnReturned"/>). What arrives goes to the handlers given to <see cref="StartAsync"/>.</summary>
public sealed class RabbitMqTransport(
    ClusterIdentity identity, IOptions<ClusterOptions> options, RuntimeMetrics metrics, ILogger<RabbitMqTransport> logger)
    : IAsyncDisposable
{
    /// <summary>The direct exchange whose routing keys are topic names: <c>{clusterId}.topics</c>.</summary>
    public string TopicExchange { get; } = $"{options.Value.ClusterId}.topics";

    private const long Disconnected = long.MinValue;
    private long _connectedSince = Disconnected;
    private readonly SemaphoreSlim _publishGate = new(1, 1);
    // Consumer callbacks only copy messages here; our own loops handle them (and publish replies) in arrival order, so no
    // AMQP operation ever runs inside the client library's consumer dispatch.
    private readonly Channel<Delivery> _callInbox = Channel.CreateUnbounded<Delivery>(new() { SingleReader = true });
    private readonly Channel<Delivery> _eventInbox = Channel.CreateUnbounded<Delivery>(new() { SingleReader = true });
    private IConnection? _connection;
    private IChannel? _publishChannel;
    private IChannel? _callChannel;
    private IChannel? _eventChannel;
    private ClusterMessageHandlers? _handlers;

    /// <summary>Connects, declares the queues and exchange, and starts consuming into <paramref name="handlers"/>.</summary>
    public async Task StartAsync(ClusterMessageHandlers handlers, CancellationToken cancellationToken)
    {
        _handlers = handlers;
        var factory = new ConnectionFactory
        {
            Uri = new Uri(options.Value.RabbitMqUrl),
            AutomaticRecoveryEnabled = true,
            TopologyRecoveryEnabled = true,
            NetworkRecoveryInterval = TimeSpan.FromSeconds(1),
            RequestedHeartbeat = options.Value.BrokerHeartbeat,
            // A recovery attempt that meets a broker still starting must give up and try again soon, not hang for the
            // client's 30 s / 10 s defaults while every push waits (seen in the chaos suite's broker restart).
            RequestedConnectionTimeout = TimeSpan.FromSeconds(3),
            HandshakeContinuationTimeout = TimeSpan.FromSeconds(3),
            ClientProvidedName = identity.Id,
        };
        _connection = await factory.CreateConnectionAsync(cancellationToken);
        Volatile.Write(ref _connectedSince, Environment.TickCount64);
        _connection.ConnectionShutdownAsync += (_, _) =>
        {
            Volatile.Write(ref _connectedSince, Disconnected);
            handlers.Responses.OnConnectionLost();
            return Task.CompletedTask;
        };
        _connection.RecoverySucceededAsync += (_, _) =>
        {
            Volatile.Write(ref _connectedSince, Environment.TickCount64);
            return Task.CompletedTask;
        };
        _publishChannel = await _connection.CreateChannelAsync(cancellationToken: cancellationToken);
        _publishChannel.BasicReturnAsync += (_, e) =>
        {
            handlers.Responses.OnReturned(e.BasicProperties.CorrelationId ?? "", e.RoutingKey);
            return Task.CompletedTask;
        };
        await _publishChannel.ExchangeDeclareAsync(TopicExchange, ExchangeType.Direct, durable: false, autoDelete: false, cancellationToken: cancellationToken);

        // One consumer at a time per queue: requests are handed to activations in arrival order.
        _callChannel = await _connection.CreateChannelAsync(new CreateChannelOptions(false, false, consumerDispatchConcurrency: 1), cancellationToken);
        // Not exclusive, so that other nodes may check that it exists (QueueExistsAsync); auto-delete, so that the broker
        // removes it the moment this process's connection closes.
        await _callChannel.QueueDeclareAsync(identity.CallQueue, durable: false, exclusive: false, autoDelete: true, cancellationToken: cancellationToken);
        _ = Task.Run(() => DrainAsync(_callInbox, HandleCallAsync));
        _ = Task.Run(() => DrainAsync(_eventInbox, HandleEventAsync));
        var calls = new AsyncEventingBasicConsumer(_callChannel);
        calls.ReceivedAsync += (_, message) => Enqueue(_callInbox, message);
        await _callChannel.BasicConsumeAsync(identity.CallQueue, autoAck: true, calls, cancellationToken);

        _eventChannel = await _connection.CreateChannelAsync(new CreateChannelOptions(false, false, consumerDispatchConcurrency: 1), cancellationToken);
        await _eventChannel.QueueDeclareAsync(identity.EventQueue, durable: false, exclusive: true, autoDelete: true, cancellationToken: cancellationToken);
        var events = new AsyncEventingBasicConsumer(_eventChannel);
        events.ReceivedAsync += (_, message) => Enqueue(_eventInbox, message);
        await _eventChannel.BasicConsumeAsync(identity.EventQueue, autoAck: true, events, cancellationToken);
    }

    /// <summary>Whether the connection is open (for health checks).</summary>
    public bool IsOpen => _connection?.IsOpen == true;

    /// <summary>How long the connection has been up since it was last opened or recovered; null while it is down. After a
    /// broker restart every node re-declares its queues on recovery, one after another, so a queue missing soon after this
    /// node's own recovery is no sign of death.</summary>
    public TimeSpan? ConnectedFor => Volatile.Read(ref _connectedSince) is var since && since == Disconnected
        ? null : TimeSpan.FromMilliseconds(Environment.TickCount64 - since);

    /// <summary>Whether <paramref name="queue"/> exists and has a consumer: a passive declare, which the broker answers with
    /// 404 (closing the probing channel) when the queue is gone.</summary>
    public async Task<bool> QueueExistsAsync(string queue, CancellationToken cancellationToken)
    {
        await using var probe = await _connection!.CreateChannelAsync(cancellationToken: cancellationToken);
        try
        {
            return (await probe.QueueDeclarePassiveAsync(queue, cancellationToken)).ConsumerCount > 0;
        }
        catch (RabbitMQ.Client.Exceptions.OperationInterruptedException ex) when (ex.ShutdownReason?.ReplyCode == 404)
        {
            return false;
        }
    }

    /// <summary>Sends a call to a silo's queue; the response comes back to this process's call queue.</summary>
    public Task SendRequestAsync(string queue, string correlationId, byte[] request, TimeSpan timeToLive) =>
        PublishAsync("", queue, mandatory: true, new BasicProperties
        {
            Type = "request",
            CorrelationId = correlationId,
            ReplyTo = identity.CallQueue,
            Expiration = Math.Max(1, (long)timeToLive.TotalMilliseconds).ToString(System.Globalization.CultureInfo.InvariantCulture),
        }, request);

    /// <summary>Sends a response to a caller's queue.</summary>
    public Task SendResponseAsync(string replyTo, string correlationId, byte[] response) =>
        PublishAsync("", replyTo, mandatory: false, new BasicProperties { Type = "response", CorrelationId = correlationId }, response);

    /// <summary>Publishes a topic event to the exchange; every queue bound with the topic gets it. The event queue carries
    /// nothing else, so the message's type property names the event's type (<paramref name="eventType"/>) and the body is
    /// the event's JSON alone.</summary>
    public Task PublishEventAsync(string topic, string eventType, byte[] payload) =>
        PublishAsync(TopicExchange, topic, mandatory: false, new BasicProperties { Type = eventType }, payload);

    /// <summary>Binds this process's event queue to a topic (recovered with the connection).</summary>
    public Task BindAsync(string topic) => _eventChannel!.QueueBindAsync(identity.EventQueue, TopicExchange, topic);

    /// <summary>Removes a topic binding.</summary>
    public Task UnbindAsync(string topic) => _eventChannel!.QueueUnbindAsync(identity.EventQueue, TopicExchange, topic);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        _callInbox.Writer.TryComplete();
        _eventInbox.Writer.TryComplete();
        foreach (var channel in new[] { _eventChannel, _callChannel, _publishChannel })
        {
            if (channel is not null)
            {
                await channel.DisposeAsync();
            }
        }
        if (_connection is not null)
        {
            await _connection.DisposeAsync();
        }
    }

    private async Task PublishAsync(string exchange, string routingKey, bool mandatory, BasicProperties properties, byte[] body)
    {
        await _publishGate.WaitAsync();
        try
        {
            await _publishChannel!.BasicPublishAsync(exchange, routingKey, mandatory, properties, body);
            metrics.BrokerMessagePublished(MessageKind(exchange, properties));
        }
        catch (RabbitMQ.Client.Exceptions.RabbitMQClientException ex)
        {
            // The connection is down (it recovers by itself): nothing was sent, and the caller may retry.
            throw new GrainException(GrainErrorCodes.ServiceUnavailable, $"The message broker is unavailable ({ex.GetType().Name}); try again shortly.");
        }
        finally
        {
            _publishGate.Release();
        }
    }

    private static string MessageKind(string exchange, IReadOnlyBasicProperties properties) =>
        exchange.Length > 0 ? "event" : properties.Type ?? "";

    private Task Enqueue(Channel<Delivery> inbox, BasicDeliverEventArgs message)
    {
        metrics.BrokerMessageReceived(MessageKind(message.Exchange, message.BasicProperties));
        // The body is only valid during the callback: copy it.
        inbox.Writer.TryWrite(new Delivery(message.BasicProperties.Type, message.BasicProperties.CorrelationId ?? "",
            message.BasicProperties.ReplyTo, message.RoutingKey, message.Body.ToArray()));
        return Task.CompletedTask;
    }

    private async Task DrainAsync(Channel<Delivery> inbox, Func<Delivery, Task> handle)
    {
        await foreach (var delivery in inbox.Reader.ReadAllAsync())
        {
            try
            {
                await handle(delivery);
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "Could not handle a {Type} message ({RoutingKey})", delivery.Type, delivery.RoutingKey);
            }
        }
    }

    private async Task HandleCallAsync(Delivery delivery)
    {
        if (delivery.Type == "response")
        {
            _handlers!.Responses.OnResponse(delivery.CorrelationId, delivery.Body);
        }
        else if (_handlers!.Requests is { } requests && delivery.ReplyTo is { } replyTo)
        {
            await requests.HandleRequestAsync(delivery.Body, replyTo, delivery.CorrelationId);
        }
    }

    private Task HandleEventAsync(Delivery delivery) =>
        _handlers!.Events.HandleEventAsync(delivery.RoutingKey, delivery.Type ?? "", delivery.Body);

    private sealed record Delivery(string? Type, string CorrelationId, string? ReplyTo, string RoutingKey, byte[] Body);
}
