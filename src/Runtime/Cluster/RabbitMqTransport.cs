using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace OrleansRides.Runtime.Cluster;

/// <summary>This process's AMQP connection: one exclusive queue for calls and responses, one for topic events, a direct
/// exchange for topics, and publishing. Connection and topology (queues, bindings, consumers) recover automatically after a
/// broker or network failure. Calls are published <c>mandatory</c>, so a call to a vanished queue comes back at once
/// (<see cref="Returned"/>).</summary>
public sealed class RabbitMqTransport(ClusterIdentity identity, IOptions<ClusterOptions> options, ILogger<RabbitMqTransport> logger)
    : IAsyncDisposable
{
    /// <summary>The direct exchange whose routing keys are topic names: <c>{clusterId}.topics</c>.</summary>
    public string TopicExchange { get; } = $"{options.Value.ClusterId}.topics";

    private readonly SemaphoreSlim _publishGate = new(1, 1);
    private IConnection? _connection;
    private IChannel? _publishChannel;
    private IChannel? _callChannel;
    private IChannel? _eventChannel;

    /// <summary>A request arrived (silos): (request, reply-to queue, correlation id).</summary>
    public Func<CallRequest, string, string, Task>? RequestReceived { get; set; }

    /// <summary>A response arrived: (correlation id, response).</summary>
    public Action<string, CallResponse>? ResponseReceived { get; set; }

    /// <summary>The broker returned an unroutable call: (correlation id, the queue it was for).</summary>
    public Action<string, string>? Returned { get; set; }

    /// <summary>A topic event arrived: (topic, envelope). Called one at a time, in arrival order.</summary>
    public Func<string, TopicEnvelope, Task>? EventReceived { get; set; }

    /// <summary>Connects, declares the queues and exchange, and starts consuming.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var factory = new ConnectionFactory
        {
            Uri = new Uri(options.Value.RabbitMqUrl),
            AutomaticRecoveryEnabled = true,
            TopologyRecoveryEnabled = true,
            NetworkRecoveryInterval = TimeSpan.FromSeconds(1),
            ClientProvidedName = identity.Id,
        };
        _connection = await factory.CreateConnectionAsync(cancellationToken);
        _publishChannel = await _connection.CreateChannelAsync(cancellationToken: cancellationToken);
        _publishChannel.BasicReturnAsync += (_, e) =>
        {
            Returned?.Invoke(e.BasicProperties.CorrelationId ?? "", e.RoutingKey);
            return Task.CompletedTask;
        };
        await _publishChannel.ExchangeDeclareAsync(TopicExchange, ExchangeType.Direct, durable: false, autoDelete: false, cancellationToken: cancellationToken);

        // One consumer at a time per queue: requests are handed to activations in arrival order.
        _callChannel = await _connection.CreateChannelAsync(new CreateChannelOptions(false, false, consumerDispatchConcurrency: 1), cancellationToken);
        await _callChannel.QueueDeclareAsync(identity.CallQueue, durable: false, exclusive: true, autoDelete: true, cancellationToken: cancellationToken);
        var calls = new AsyncEventingBasicConsumer(_callChannel);
        calls.ReceivedAsync += OnCallMessageAsync;
        await _callChannel.BasicConsumeAsync(identity.CallQueue, autoAck: true, calls, cancellationToken);

        _eventChannel = await _connection.CreateChannelAsync(new CreateChannelOptions(false, false, consumerDispatchConcurrency: 1), cancellationToken);
        await _eventChannel.QueueDeclareAsync(identity.EventQueue, durable: false, exclusive: true, autoDelete: true, cancellationToken: cancellationToken);
        var events = new AsyncEventingBasicConsumer(_eventChannel);
        events.ReceivedAsync += OnEventMessageAsync;
        await _eventChannel.BasicConsumeAsync(identity.EventQueue, autoAck: true, events, cancellationToken);
    }

    /// <summary>Whether the connection is open (for health checks).</summary>
    public bool IsOpen => _connection?.IsOpen == true;

    /// <summary>Sends a call to a silo's queue; the response comes back to this process's call queue.</summary>
    public Task SendRequestAsync(string queue, string correlationId, CallRequest request, TimeSpan timeToLive) =>
        PublishAsync("", queue, mandatory: true, new BasicProperties
        {
            Type = "request",
            CorrelationId = correlationId,
            ReplyTo = identity.CallQueue,
            Expiration = Math.Max(1, (long)timeToLive.TotalMilliseconds).ToString(System.Globalization.CultureInfo.InvariantCulture),
        }, JsonSerializer.SerializeToUtf8Bytes(request, ClusterJsonContext.Default.CallRequest));

    /// <summary>Sends a response to a caller's queue.</summary>
    public Task SendResponseAsync(string replyTo, string correlationId, CallResponse response) =>
        PublishAsync("", replyTo, mandatory: false, new BasicProperties { Type = "response", CorrelationId = correlationId },
            JsonSerializer.SerializeToUtf8Bytes(response, ClusterJsonContext.Default.CallResponse));

    /// <summary>Publishes a topic event to the exchange; every queue bound with the topic gets it.</summary>
    public Task PublishEventAsync(string topic, TopicEnvelope envelope) =>
        PublishAsync(TopicExchange, topic, mandatory: false, new BasicProperties { Type = "event" },
            JsonSerializer.SerializeToUtf8Bytes(envelope, ClusterJsonContext.Default.TopicEnvelope));

    /// <summary>Binds this process's event queue to a topic (recovered with the connection).</summary>
    public Task BindAsync(string topic) => _eventChannel!.QueueBindAsync(identity.EventQueue, TopicExchange, topic);

    /// <summary>Removes a topic binding.</summary>
    public Task UnbindAsync(string topic) => _eventChannel!.QueueUnbindAsync(identity.EventQueue, TopicExchange, topic);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
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
        }
        finally
        {
            _publishGate.Release();
        }
    }

    private async Task OnCallMessageAsync(object sender, BasicDeliverEventArgs message)
    {
        try
        {
            var correlationId = message.BasicProperties.CorrelationId ?? "";
            if (message.BasicProperties.Type == "response")
            {
                ResponseReceived?.Invoke(correlationId, JsonSerializer.Deserialize(message.Body.Span, ClusterJsonContext.Default.CallResponse)!);
            }
            else if (RequestReceived is { } handler && message.BasicProperties.ReplyTo is { } replyTo)
            {
                await handler(JsonSerializer.Deserialize(message.Body.Span, ClusterJsonContext.Default.CallRequest)!, replyTo, correlationId);
            }
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Could not handle a message on {Queue}", identity.CallQueue);
        }
    }

    private async Task OnEventMessageAsync(object sender, BasicDeliverEventArgs message)
    {
        try
        {
            if (EventReceived is { } handler)
            {
                await handler(message.RoutingKey, JsonSerializer.Deserialize(message.Body.Span, ClusterJsonContext.Default.TopicEnvelope)!);
            }
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Could not handle an event on {Topic}", message.RoutingKey);
        }
    }
}
