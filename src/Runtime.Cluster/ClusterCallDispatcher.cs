using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansRides.Runtime.Activation;
using OrleansRides.Runtime.Calls;

namespace OrleansRides.Runtime.Cluster;

/// <summary>Delivers calls to the silo that owns the grain under the current view: in process when that is this silo,
/// otherwise through RabbitMQ with request/response correlation. Calls that provably did not run (the broker returned them
/// as unroutable, or the receiver did not own the grain) are retried under a refreshed view until the deadline; a call in
/// flight to a silo that is then declared dead fails at once with <see cref="SiloUnavailableException"/>, never a 30 s wait.</summary>
internal sealed class ClusterCallDispatcher : IGrainCallDispatcher, IClusterResponseHandler
{
    private readonly ConcurrentDictionary<string, Pending> _pending = new();
    private readonly RabbitMqTransport _transport;
    private readonly MembershipViewProvider _membership;
    private readonly GrainWireFormat _wire;
    private readonly ActivationCatalog _catalog;
    private readonly ClusterIdentity _identity;
    private readonly TimeProvider _time;
    private readonly ClusterOptions _options;
    private readonly Hosting.GrainRuntimeOptions _runtimeOptions;
    private readonly RuntimeMetrics _metrics;
    private readonly ILogger<ClusterCallDispatcher> _logger;

    public ClusterCallDispatcher(
        RabbitMqTransport transport, MembershipViewProvider membership, GrainWireFormat wire, ActivationCatalog catalog,
        ClusterIdentity identity, TimeProvider time, IOptions<ClusterOptions> options, IOptions<Hosting.GrainRuntimeOptions> runtimeOptions,
        RuntimeMetrics metrics, ILogger<ClusterCallDispatcher> logger)
    {
        (_metrics, _logger) = (metrics, logger);
        (_transport, _membership, _wire, _catalog, _identity, _time, _options, _runtimeOptions) =
            (transport, membership, wire, catalog, identity, time, options.Value, runtimeOptions.Value);
    }

    public async Task<object?> InvokeAsync(GrainCall call)
    {
        for (var attempt = 1; ; attempt++)
        {
            var remaining = call.Deadline - _time.GetUtcNow();
            if (remaining <= TimeSpan.Zero)
            {
                _logger.LogWarning("{Method} on {Grain} timed out after {Attempts} attempts (view {Version})",
                    call.MethodName, call.Target, attempt - 1, _membership.Current.Version);
                throw new GrainCallTimeoutException(call.Target, call.MethodName, _runtimeOptions.CallTimeout);
            }
            try
            {
                var owner = _membership.Current.OwnerOf(call.Target)
                    ?? throw new SiloUnavailableException("(none)", "no active silo", mayHaveRun: false);
                return owner.SiloId == _identity.Id && _identity.Role == ClusterRole.Silo
                    ? await _catalog.InvokeAsync(call)
                    : await SendAsync(owner, call, remaining);
            }
            catch (GrainException ex) when (DidNotRun(ex))
            {
                _metrics.RetriedCall();
                await Task.Delay(_options.RetryBackoff, _time);
                try
                {
                    await _membership.RefreshAsync();
                }
                catch (Exception refresh) when (refresh is Npgsql.NpgsqlException or TimeoutException)
                {
                    // The membership agent keeps re-reading in the background; retry with the view we have.
                    _logger.LogDebug(refresh, "Membership refresh failed before a retry");
                }
            }
        }
    }

    private static bool DidNotRun(GrainException error) =>
        error is SiloUnavailableException { MayHaveRun: false } || error.Code == SiloUnavailableException.Codes.NotOwner;

    private async Task<object?> SendAsync(SiloEntry owner, GrainCall call, TimeSpan remaining)
    {
        var id = Guid.NewGuid().ToString("N");
        var pending = new Pending(owner.SiloId);
        _pending[id] = pending;
        try
        {
            await _transport.SendRequestAsync(owner.Queue, id, _wire.WriteRequest(call), remaining);
            var response = await pending.Completion.Task.WaitAsync(remaining, _time);
            return _wire.ReadResult(call.Method, response);
        }
        catch (TimeoutException)
        {
            _logger.LogWarning("{Method} on {Grain}: no reply from silo {Silo} before the deadline", call.MethodName, call.Target, owner.SiloId);
            throw new GrainCallTimeoutException(call.Target, call.MethodName, _runtimeOptions.CallTimeout);
        }
        finally
        {
            _pending.TryRemove(id, out _);
        }
    }

    public void OnResponse(string correlationId, byte[] body)
    {
        if (_pending.TryRemove(correlationId, out var pending))
        {
            pending.Completion.TrySetResult(body);
        }
    }

    public void OnReturned(string correlationId, string queue)
    {
        var siloId = _membership.Current.Silos.FirstOrDefault(s => s.Queue == queue)?.SiloId ?? queue;
        if (_pending.TryRemove(correlationId, out var pending))
        {
            pending.Completion.TrySetException(new SiloUnavailableException(siloId, "its queue is gone", mayHaveRun: false));
        }
        _membership.ReportUnreachable(siloId);
    }

    public void OnConnectionLost()
    {
        // The reply queue went with the connection: a reply to any call in flight is lost. Fail them now with the
        // retryable code instead of letting each wait out its deadline.
        foreach (var (id, pending) in _pending)
        {
            if (_pending.TryRemove(id, out _))
            {
                pending.Completion.TrySetException(new GrainException(GrainErrorCodes.ServiceUnavailable,
                    "The connection to the message broker dropped while the call was in flight; it may have run. Try again shortly."));
            }
        }
    }

    /// <summary>Fails at once the calls in flight to silos that left the view (subscribed by <see cref="ClusterLifecycle"/>).</summary>
    public void OnViewChanged(MembershipView previous, MembershipView current)
    {
        // A silo that left gracefully still answers what it received before it closes its queue; only a silo that died
        // without leaving takes its pending calls with it. "Left gracefully" is read from its row, not from the step
        // between two views: a hand-off shorter than a probe interval takes this node's view from active straight to dead,
        // and its pending calls (a reply still to come, or a NOT_OWNER on its way) failed as SILO_UNAVAILABLE, may have run.
        var gone = previous.Silos.Where(s => s.Status is SiloStatus.Active or SiloStatus.Joining).Select(s => s.SiloId)
            .Except(current.Silos.Where(s => s.Status != SiloStatus.Dead || s.LeftGracefully).Select(s => s.SiloId)).ToHashSet();
        if (gone.Count == 0)
        {
            return;
        }
        foreach (var (id, pending) in _pending)
        {
            if (gone.Contains(pending.SiloId) && _pending.TryRemove(id, out _))
            {
                pending.Completion.TrySetException(new SiloUnavailableException(pending.SiloId, "declared dead", mayHaveRun: true));
            }
        }
    }

    private sealed class Pending(string siloId)
    {
        public string SiloId { get; } = siloId;
        public TaskCompletionSource<byte[]> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
