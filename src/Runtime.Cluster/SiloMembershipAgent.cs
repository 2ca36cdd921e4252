using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansRides.Runtime.Storage;

namespace OrleansRides.Runtime.Cluster;

/// <summary>A silo's membership agent, shaped like Orleans' <c>MembershipAgent</c>: joins, heartbeats every
/// <see cref="ClusterOptions.HeartbeatInterval"/>, and every <see cref="ClusterOptions.ProbeInterval"/> re-reads the table,
/// declares dead the silos whose heartbeat is older than <see cref="ClusterOptions.DeathTimeout"/> (with the row's ETag,
/// so racing declarers produce one outcome) and publishes the view; probes the other silos' call queues; deletes old dead
/// rows; stops this process when it reads that it was declared dead; and leaves in two steps on a graceful stop. The one
/// place where "when a silo is dead" is decided (<see cref="RunRound"/>, <see cref="MembershipViewProvider.ReportUnreachable"/>).
/// Rounds run on a dedicated thread with synchronous I/O, so a saturated thread pool cannot delay them into a false
/// death; times are read from the injected <see cref="TimeProvider"/> (decision 17).</summary>
public sealed class SiloMembershipAgent(
    IMembershipTable table,
    MembershipViewProvider view,
    ISiloProber prober,
    GrainRuntimeStatistics statistics,
    ClusterIdentity identity,
    TimeProvider timeProvider,
    IOptions<ClusterOptions> options,
    IHostApplicationLifetime lifetime,
    ILogger<SiloMembershipAgent> logger)
{
    private static readonly TimeSpan CleanupInterval = TimeSpan.FromMinutes(1);
    private readonly ClusterOptions _options = options.Value;
    private readonly CancellationTokenSource _stopping = new();
    private Thread? _thread;
    private Task? _prober;
    private volatile bool _leaving;
    private DateTimeOffset _nextHeartbeat;
    private DateTimeOffset _nextCleanup;
    // When this silo's own heartbeats last started succeeding without a failure since. While PostgreSQL is down nobody can
    // heartbeat; right after it returns every heartbeat looks old, so nobody is declared dead on age until this silo has
    // been writing its own for a death timeout plus the connect timeout — time for the others to write theirs, even one
    // whose heartbeat waited that long for a connection in the recovery rush. Null while the table is unreachable.
    private DateTimeOffset? _tableReachableSince;

    /// <summary>Set when this silo has read that it was declared dead: it must not serve any more calls.</summary>
    public bool IsDeclaredDead { get; private set; }

    private TimeSpan JudgeAgesAfter => _options.DeathTimeout + PostgresHosting.ConnectTimeout;

    /// <summary>Registers this silo, marks it active, publishes the first view and starts the agent's thread and the queue
    /// prober (<see cref="JoinAsync"/>, then the rounds on their thread).</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await JoinAsync(cancellationToken);
        StartBackgroundRounds();
    }

    /// <summary>Joining alone: registered as joining, then active (with its ETag), and the view published. The silo has just
    /// reached the table, so heartbeat ages are judged from the first round.</summary>
    internal async Task JoinAsync(CancellationToken cancellationToken)
    {
        await table.RegisterAsync(identity.Id, identity.CallQueue, cancellationToken);
        var joining = (await table.ReadAsync(cancellationToken)).Silos.Single(s => s.SiloId == identity.Id);
        if (!table.TryUpdateStatus(identity.Id, SiloStatus.Active, joining.Version))
        {
            throw new InvalidOperationException($"Silo {identity.Id} was changed by another node while joining.");
        }
        logger.LogInformation("Silo {SiloId} is active", identity.Id);
        view.Publish(await table.ReadAsync(cancellationToken));
        var now = timeProvider.GetUtcNow();
        (_nextHeartbeat, _nextCleanup, _tableReachableSince) = (now, now + CleanupInterval, now - JudgeAgesAfter);
    }

    /// <summary>Stops the rounds and the prober.</summary>
    public async Task StopAsync()
    {
        await _stopping.CancelAsync();
        _thread?.Join(TimeSpan.FromSeconds(5));
        if (_prober is not null)
        {
            await _prober;
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

    /// <summary>One round: heartbeat when due (stopping the process if the row says dead), read the table, declare dead the
    /// silos silent for longer than the death timeout (once this silo's own writes have been succeeding long enough to
    /// judge), publish the view, delete old dead rows once a minute. Answers false when the silo was declared dead and
    /// must stop; a failing table is logged and retried next round.</summary>
    internal bool RunRound()
    {
        try
        {
            var now = timeProvider.GetUtcNow();
            if (now >= _nextHeartbeat)
            {
                _nextHeartbeat = now + _options.HeartbeatInterval;
                if (table.Heartbeat(identity.Id, statistics.ActivationCount) is null or SiloStatus.Dead && !_leaving)
                {
                    OnDeclaredDead();
                    return false;
                }
                _tableReachableSince ??= now;
            }
            var current = table.Read();
            var mayJudgeAges = now - _tableReachableSince >= JudgeAgesAfter;
            foreach (var silo in current.Silos)
            {
                if (mayJudgeAges && silo.SiloId != identity.Id && silo.Status != SiloStatus.Dead && silo.HeartbeatAge > _options.DeathTimeout
                    && table.TryUpdateStatus(silo.SiloId, SiloStatus.Dead, silo.Version, identity.Id))
                {
                    logger.LogWarning("Declared silo {SiloId} dead: no heartbeat for {Age:0.0} s", silo.SiloId, silo.HeartbeatAge.TotalSeconds);
                    current = table.Read();
                }
            }
            view.Publish(current);
            if (now >= _nextCleanup)
            {
                _nextCleanup = now + CleanupInterval;
                table.DeleteDead(_options.DeadRowRetention);
            }
        }
        catch (Exception ex)
        {
            _tableReachableSince = null;
            logger.LogWarning(ex, "Membership round failed");
        }
        return true;
    }

    /// <summary>One probe of every other active silo's queue; a missing one is reported at once.</summary>
    internal async Task ProbeOnceAsync(CancellationToken cancellationToken)
    {
        foreach (var silo in view.Current.Active.Where(s => s.SiloId != identity.Id))
        {
            if (!await prober.IsReachableAsync(silo, cancellationToken))
            {
                view.ReportUnreachable(silo.SiloId);
            }
        }
    }

    private void StartBackgroundRounds()
    {
        _thread = new Thread(RunRounds) { IsBackground = true, Name = "membership-agent" };
        _thread.Start();
        _prober = Task.Run(ProbeQueuesAsync, CancellationToken.None);
    }

    private void RunRounds()
    {
        while (!_stopping.IsCancellationRequested && RunRound())
        {
            _stopping.Token.WaitHandle.WaitOne(_options.ProbeInterval);
        }
    }

    /// <summary>Silos also watch each other's call queues: a queue gone from the broker means that silo's process is gone,
    /// usually long before its heartbeat goes stale. Runs on the thread pool, apart from the heartbeat thread.</summary>
    private async Task ProbeQueuesAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(_options.ProbeInterval, timeProvider, _stopping.Token);
                await ProbeOnceAsync(_stopping.Token);
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
        view.Publish(table.Read());
    }

    private void OnDeclaredDead()
    {
        IsDeclaredDead = true;
        logger.LogCritical("Silo {SiloId} was declared dead by the cluster; stopping", identity.Id);
        view.Publish(table.Read());
        lifetime.StopApplication();
    }
}
