using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace OrleansRides.Runtime.Cluster;

/// <summary>Every node's view of the membership table (silos and frontends alike): <see cref="Current"/>, its changes in
/// version order (<see cref="ViewChanged"/>), a refresh on demand, and the evidence-based death declaration that any node
/// may make when the broker shows a silo's queue gone. A frontend keeps the view fresh by re-reading the table every
/// <see cref="ClusterOptions.ProbeInterval"/> (<see cref="StartObservingAsync"/>); on a silo its
/// <see cref="SiloMembershipAgent"/> publishes what it reads each round.</summary>
public sealed class MembershipViewProvider(
    IMembershipTable table, ISiloProber prober, ClusterIdentity identity, IOptions<ClusterOptions> options,
    ILogger<MembershipViewProvider> logger)
{
    private readonly ClusterOptions _options = options.Value;
    private readonly Lock _publishLock = new();
    private readonly CancellationTokenSource _stopping = new();
    private MembershipView _current = MembershipView.Empty;
    private Task? _observer;

    /// <summary>Raised (old view, new view) after every change of the table version, in version order.</summary>
    public event Action<MembershipView, MembershipView>? ViewChanged;

    /// <summary>The latest view read.</summary>
    public MembershipView Current => Volatile.Read(ref _current);

    /// <summary>This process's identity.</summary>
    public ClusterIdentity Identity => identity;

    /// <summary>Re-reads the table now (after a retryable failure, the view may be stale).</summary>
    public async Task RefreshAsync(CancellationToken cancellationToken = default) => Publish(await table.ReadAsync(cancellationToken));

    /// <summary>Frontends: reads the view, then re-reads it every probe interval until <see cref="StopAsync"/>.</summary>
    public async Task StartObservingAsync(CancellationToken cancellationToken)
    {
        await RefreshAsync(cancellationToken);
        _observer = Task.Run(ObserveAsync, CancellationToken.None);
    }

    /// <summary>Stops the observing loop, if any.</summary>
    public async Task StopAsync()
    {
        await _stopping.CancelAsync();
        if (_observer is not null)
        {
            await _observer;
        }
    }

    /// <summary>An early death signal: the broker returned a message for <paramref name="siloId"/>'s queue as unroutable,
    /// or a probe found it gone, so its connection (and queue) is gone. The silo is declared dead at once if the view still
    /// has it serving — unless this node's own broker connection is too new to trust (<see cref="ISiloProber.ConnectedFor"/>
    /// under <see cref="ClusterOptions.DeathTimeout"/>). Runs in the background; answers at once.</summary>
    public void ReportUnreachable(string siloId)
    {
        if (prober.ConnectedFor is not { } connectedFor || connectedFor < _options.DeathTimeout)
        {
            logger.LogInformation("Not trusting a missing queue of {SiloId}: this node's broker connection is new or down", siloId);
            return;
        }
        _ = Task.Run(() => DeclareUnreachable(siloId));
    }

    /// <summary>The declaration itself, synchronously: re-reads the row and declares it dead if still serving, with its
    /// ETag; publishes the result.</summary>
    internal void DeclareUnreachable(string siloId)
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
    }

    /// <summary>Makes <paramref name="view"/> current if it is newer than the current one, and raises
    /// <see cref="ViewChanged"/>; an older or equal version is ignored.</summary>
    internal void Publish(MembershipView view)
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
}
