using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansRides.Runtime.Activation;

namespace OrleansRides.Runtime.Cluster;

/// <summary>This process's membership agent. Every node keeps <see cref="Current"/> fresh (re-read every
/// <see cref="ClusterOptions.ProbeInterval"/>). A silo also registers itself, heartbeats, declares silos dead whose heartbeat
/// is older than <see cref="ClusterOptions.DeathTimeout"/> or whose call queue has vanished from the broker (with the row
/// version as ETag, so racing declarers produce one outcome), stops when it reads that it was declared dead, and marks itself shutting down and dead on a graceful stop.
/// Heartbeats and detection run on a dedicated thread with synchronous I/O, so a saturated thread pool cannot delay them
/// into a false death.</summary>
public sealed class MembershipService(
    MembershipTable table,
    ClusterIdentity identity,
    IOptions<ClusterOptions> options,
    IServiceProvider services,
    IHostApplicationLifetime lifetime,
    ILogger<MembershipService> logger) : IHostedService
{
    private readonly ClusterOptions _options = options.Value;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _publishLock = new();
    private MembershipView _current = MembershipView.Empty;
    private Thread? _agent;
    private volatile bool _leaving;
    // The view observer (frontends) or the queue prober (silos): the async loop beside the heartbeat thread.
    private Task? _backgroundLoop;

    /// <summary>Raised (old view, new view) after every change of the table version, in version order.</summary>
    public event Action<MembershipView, MembershipView>? ViewChanged;

    /// <summary>The latest view read.</summary>
    public MembershipView Current => Volatile.Read(ref _current);

    /// <summary>Set when this silo has read that it was declared dead: it must not serve any more calls.</summary>
    public bool IsDeclaredDead { get; private set; }

    /// <summary>This process's identity.</summary>
    public ClusterIdentity Identity => identity;

    /// <inheritdoc />
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (identity.Role == ClusterRole.Silo)
        {
            await table.RegisterAsync(identity.Id, identity.CallQueue, cancellationToken);
            var joining = (await table.ReadAsync(cancellationToken)).Silos.Single(s => s.SiloId == identity.Id);
            if (!table.TryUpdateStatus(identity.Id, SiloStatus.Active, joining.Version))
            {
                throw new InvalidOperationException($"Silo {identity.Id} was changed by another node while joining.");
            }
            logger.LogInformation("Silo {SiloId} is active", identity.Id);
            Publish(await table.ReadAsync(cancellationToken));
            _agent = new Thread(RunSiloAgent) { IsBackground = true, Name = "membership-agent" };
            _agent.Start();
            _backgroundLoop = Task.Run(ProbeQueuesAsync, CancellationToken.None);
        }
        else
        {
            Publish(await table.ReadAsync(cancellationToken));
            _backgroundLoop = Task.Run(ObserveAsync, CancellationToken.None);
        }
    }

    /// <inheritdoc />
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        _agent?.Join(TimeSpan.FromSeconds(5));
        if (_backgroundLoop is not null)
        {
            await _backgroundLoop;
        }
    }

    /// <summary>Marks this silo as shutting down so that others stop placing grains on it (graceful leave, step 1).</summary>
    public void BeginLeaving() => SetOwnStatus(SiloStatus.ShuttingDown);

    /// <summary>Marks this silo dead after its grains were handed off (graceful leave, step 2).</summary>
    public void FinishLeaving()
    {
        _leaving = true;
        SetOwnStatus(SiloStatus.Dead);
    }

    /// <summary>Re-reads the table now (after a retryable failure, the view may be stale).</summary>
    public async Task RefreshAsync(CancellationToken cancellationToken = default) => Publish(await table.ReadAsync(cancellationToken));

    /// <summary>An early death signal: the broker returned a message for <paramref name="siloId"/>'s queue as unroutable,
    /// so its connection (and queue) is gone. The silo is declared dead at once if the view still has it serving.</summary>
    public void ReportUnreachable(string siloId)
    {
        if (!BrokerEvidenceHolds())
        {
            logger.LogInformation("Not trusting a missing queue of {SiloId}: this node's broker connection is new or down", siloId);
            return;
        }
        _ = Task.Run(() =>
        {
            try
            {
                var row = table.Read().Silos.FirstOrDefault(s => s.SiloId == siloId);
                if (row is { Status: SiloStatus.Active or SiloStatus.Joining or SiloStatus.ShuttingDown }
                    && table.TryUpdateStatus(siloId, SiloStatus.Dead, row.Version, $"{identity.Id} (queue gone)"))
                {
                    logger.LogWarning("Declared silo {SiloId} dead: its queue is gone", siloId);
                }
                Publish(table.Read());
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "Could not check unreachable silo {SiloId}", siloId);
            }
        });
    }

    private void SetOwnStatus(SiloStatus status)
    {
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var own = table.Read().Silos.FirstOrDefault(s => s.SiloId == identity.Id);
            if (own is null || own.Status == SiloStatus.Dead || table.TryUpdateStatus(identity.Id, status, own.Version))
            {
                break;
            }
        }
        Publish(table.Read());
    }

    /// <summary>A missing queue proves a silo gone only if this node has been connected to the broker for longer than the
    /// others need to recover theirs after a broker restart (<see cref="ClusterOptions.DeathTimeout"/>).</summary>
    private bool BrokerEvidenceHolds() =>
        services.GetService(typeof(RabbitMqTransport)) is not RabbitMqTransport transport
        || transport.ConnectedFor >= _options.DeathTimeout;

    private void RunSiloAgent()
    {
        var catalog = (ActivationCatalog?)services.GetService(typeof(ActivationCatalog));
        var nextHeartbeat = DateTime.UtcNow;
        // When this silo's own heartbeats last started succeeding without a failure since. While PostgreSQL is down nobody
        // can heartbeat; right after it returns every heartbeat looks old, so nobody is declared dead on age until this
        // silo has been writing its own for a death timeout plus the connect timeout — time for the others to write theirs,
        // even one whose heartbeat waited that long for a connection in the recovery rush.
        // At start the silo has just registered, so the table was reachable and ages are judged at once.
        var judgeAgesAfter = _options.DeathTimeout + Storage.PostgresHosting.ConnectTimeout;
        DateTime? tableReachableSince = DateTime.UtcNow - judgeAgesAfter;
        var nextCleanup = DateTime.UtcNow + TimeSpan.FromMinutes(1);
        while (!_stopping.IsCancellationRequested)
        {
            try
            {
                if (DateTime.UtcNow >= nextHeartbeat)
                {
                    nextHeartbeat = DateTime.UtcNow + _options.HeartbeatInterval;
                    if (table.Heartbeat(identity.Id, catalog?.Count ?? 0) is null or SiloStatus.Dead && !_leaving)
                    {
                        OnDeclaredDead();
                        return;
                    }
                    tableReachableSince ??= DateTime.UtcNow;
                }
                var view = table.Read();
                var mayJudgeAges = DateTime.UtcNow - tableReachableSince >= judgeAgesAfter;
                foreach (var silo in view.Silos)
                {
                    if (mayJudgeAges && silo.SiloId != identity.Id && silo.Status != SiloStatus.Dead && silo.HeartbeatAge > _options.DeathTimeout
                        && table.TryUpdateStatus(silo.SiloId, SiloStatus.Dead, silo.Version, identity.Id))
                    {
                        logger.LogWarning("Declared silo {SiloId} dead: no heartbeat for {Age:0.0} s", silo.SiloId, silo.HeartbeatAge.TotalSeconds);
                        view = table.Read();
                    }
                }
                Publish(view);
                if (DateTime.UtcNow >= nextCleanup)
                {
                    nextCleanup = DateTime.UtcNow + TimeSpan.FromMinutes(1);
                    table.DeleteDead(_options.DeadRowRetention);
                }
            }
            catch (Exception ex)
            {
                tableReachableSince = null;
                logger.LogWarning(ex, "Membership round failed");
            }
            _stopping.Token.WaitHandle.WaitOne(_options.ProbeInterval);
        }
    }

    /// <summary>Silos also watch each other's call queues: a queue gone from the broker means that silo's process is gone,
    /// usually long before its heartbeat goes stale. Runs on the thread pool, apart from the heartbeat thread.</summary>
    private async Task ProbeQueuesAsync()
    {
        var transport = (RabbitMqTransport)services.GetService(typeof(RabbitMqTransport))!;
        while (!_stopping.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(_options.ProbeInterval, _stopping.Token);
                foreach (var silo in Current.Active.Where(s => s.SiloId != identity.Id))
                {
                    if (!await transport.QueueExistsAsync(silo.Queue, _stopping.Token))
                    {
                        ReportUnreachable(silo.SiloId);
                    }
                }
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogDebug(ex, "Queue probe failed");
            }
        }
    }

    private async Task ObserveAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(_options.ProbeInterval, _stopping.Token);
                Publish(await table.ReadAsync(_stopping.Token));
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "Membership read failed");
            }
        }
    }

    private void OnDeclaredDead()
    {
        IsDeclaredDead = true;
        logger.LogCritical("Silo {SiloId} was declared dead by the cluster; stopping", identity.Id);
        Publish(table.Read());
        lifetime.StopApplication();
    }

    private void Publish(MembershipView view)
    {
        lock (_publishLock)
        {
            var previous = _current;
            if (view.Version <= previous.Version)
            {
                return;
            }
            Volatile.Write(ref _current, view);
            ViewChanged?.Invoke(previous, view);
        }
    }
}
