namespace OrleansRides.Runtime.Cluster;

/// <summary>Runs the grain calls that arrive at this silo's call queue (<see cref="SiloCallHandler"/>). Frontends host no
/// grains and have none: nobody routes calls to them.</summary>
public interface IClusterRequestHandler
{
    /// <summary>One request, in arrival order: its body, the caller's queue to reply to and the correlation id to reply
    /// with. The handler replies itself (<see cref="RabbitMqTransport.SendResponseAsync"/>), possibly after it returns.</summary>
    Task HandleRequestAsync(byte[] body, string replyTo, string correlationId);
}

/// <summary>The caller's side of calls over the broker (<see cref="ClusterCallDispatcher"/>).</summary>
public interface IClusterResponseHandler
{
    /// <summary>A response to the call sent with <paramref name="correlationId"/>.</summary>
    void OnResponse(string correlationId, byte[] body);

    /// <summary>The broker returned the call sent with <paramref name="correlationId"/> as unroutable: the queue
    /// <paramref name="queue"/> is gone (its silo's connection closed), and the call did not run.</summary>
    void OnReturned(string correlationId, string queue);

    /// <summary>The broker connection dropped: replies to calls sent before may never arrive (the reply queue goes with the
    /// connection).</summary>
    void OnConnectionLost();
}

/// <summary>Receives the topic events bound to this process's event queue (<see cref="RabbitMqTopicBus"/>).</summary>
public interface IClusterEventHandler
{
    /// <summary>One event, one at a time in arrival order: its topic, its type's full name and its JSON.</summary>
    Task HandleEventAsync(string topic, string eventType, byte[] payload);
}

/// <summary>Who handles what the transport receives; given to <see cref="RabbitMqTransport.StartAsync"/> by the cluster's
/// start-up (<see cref="ClusterLifecycle"/>), so that the transport, which the handlers send through, needs none of them
/// to be constructed.</summary>
/// <param name="Requests">Null on a frontend.</param>
/// <param name="Responses">The call dispatcher.</param>
/// <param name="Events">The topic bus.</param>
public sealed record ClusterMessageHandlers(IClusterRequestHandler? Requests, IClusterResponseHandler Responses, IClusterEventHandler Events);
