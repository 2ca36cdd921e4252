using Microsoft.Extensions.Logging;
using OrleansRides.Runtime.Activation;
using OrleansRides.Runtime.Calls;

namespace OrleansRides.Runtime.Cluster;

/// <summary>A silo's side of the transport: runs the calls it owns as turns of local activations, rejects the ones it does
/// not own (retryable <c>NOT_OWNER</c>, the call did not run). Hand-off on a view change: <see cref="ActivationHandOff"/>.</summary>
internal sealed class SiloCallHandler : IClusterRequestHandler
{
    private readonly RabbitMqTransport _transport;
    private readonly SiloMembershipAgent _membership;
    private readonly ActivationCatalog _catalog;
    private readonly GrainTypeRegistry _registry;
    private readonly GrainWireFormat _wire;
    private readonly ClusterIdentity _identity;
    private readonly SiloOwnership _ownership;
    private readonly RuntimeMetrics _metrics;
    private readonly ILogger<SiloCallHandler> _logger;

    public SiloCallHandler(
        RabbitMqTransport transport, SiloMembershipAgent membership, ActivationCatalog catalog, GrainTypeRegistry registry,
        GrainWireFormat wire, ClusterIdentity identity, SiloOwnership ownership, RuntimeMetrics metrics, ILogger<SiloCallHandler> logger)
    {
        (_transport, _membership, _catalog, _registry, _wire, _identity, _ownership, _metrics, _logger) =
            (transport, membership, catalog, registry, wire, identity, ownership, metrics, logger);
    }

    public Task HandleRequestAsync(byte[] body, string replyTo, string correlationId)
    {
        var request = GrainWireFormat.ReadRequest(body);
        var grain = request.Grain;
        if (_membership.IsDeclaredDead)
        {
            return Reply(replyTo, correlationId, GrainWireFormat.WriteError(SiloUnavailableException.Codes.SiloUnavailable, "This silo was declared dead."));
        }
        if (!_ownership.MayActivate(grain))
        {
            _metrics.RejectedNotOwner();
            return Reply(replyTo, correlationId, GrainWireFormat.WriteError(SiloUnavailableException.Codes.NotOwner, $"{_identity.Id} does not own {grain}."));
        }
        try
        {
            var method = _registry.FindMethod(request.Interface, request.Method)
                ?? throw new GrainException(GrainErrorCodes.InvalidRequest, $"Unknown grain method {request.Interface}.{request.Method}.");
            var call = new GrainCall(grain, method, _wire.ReadArguments(method, request), request.Deadline) { TraceContext = request.TraceContext };
            // InvokeAsync queues the turn before its first await, so calls enter the mailbox in arrival order; the reply is
            // sent when the turn completes, without holding up the next message.
            _ = ReplyWhenDoneAsync(_catalog.InvokeAsync(call), method, replyTo, correlationId);
            return Task.CompletedTask;
        }
        catch (Exception ex)
        {
            return Reply(replyTo, correlationId, GrainWireFormat.WriteError(ex));
        }
    }

    private async Task ReplyWhenDoneAsync(Task<object?> turn, System.Reflection.MethodInfo method, string replyTo, string correlationId)
    {
        byte[] response;
        try
        {
            response = _wire.WriteResponse(method, await turn);
        }
        catch (Exception ex)
        {
            response = GrainWireFormat.WriteError(ex);
        }
        await Reply(replyTo, correlationId, response);
    }

    private async Task Reply(string replyTo, string correlationId, byte[] response)
    {
        try
        {
            await _transport.SendResponseAsync(replyTo, correlationId, response);
        }
        catch (Exception ex)
        {
            _logger.LogWarning(ex, "Could not reply to {ReplyTo}", replyTo);
        }
    }
}
