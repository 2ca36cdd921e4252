namespace OrleansRides.Runtime.Cluster;

/// <summary>The membership table in process memory, with the PostgreSQL table's rules (ETags, version bumps, heartbeat ages
/// by one clock): for unit tests of the membership agent, which drive it with a manual <see cref="TimeProvider"/>.</summary>
public sealed class InMemoryMembershipTable(TimeProvider timeProvider) : IMembershipTable
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, Row> _rows = [];
    private long _version;

    /// <inheritdoc />
    public Task RegisterAsync(string siloId, string queue, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            var now = timeProvider.GetUtcNow();
            _rows.Add(siloId, new Row(siloId, queue, SiloStatus.Joining, now, now, 0, 0, null));
            _version++;
        }
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<MembershipView> ReadAsync(CancellationToken cancellationToken) => Task.FromResult(Read());

    /// <inheritdoc />
    public MembershipView Read()
    {
        lock (_lock)
        {
            var now = timeProvider.GetUtcNow();
            return new MembershipView(_version, [.. _rows.Values.Select(r => new SiloEntry(
                r.SiloId, r.Queue, Environment.MachineName, Environment.ProcessId, r.Status, r.StartedAt, now - r.LastHeartbeat,
                r.ActivationCount, r.Version, r.DeclaredDeadBy))]);
        }
    }

    /// <inheritdoc />
    public SiloStatus? Heartbeat(string siloId, int activationCount)
    {
        lock (_lock)
        {
            if (!_rows.TryGetValue(siloId, out var row))
            {
                return null;
            }
            _rows[siloId] = row with { LastHeartbeat = timeProvider.GetUtcNow(), ActivationCount = activationCount };
            return row.Status;
        }
    }

    /// <inheritdoc />
    public bool TryUpdateStatus(string siloId, SiloStatus status, long expectedVersion, string? declaredBy = null)
    {
        lock (_lock)
        {
            if (!_rows.TryGetValue(siloId, out var row) || row.Version != expectedVersion)
            {
                return false;
            }
            _rows[siloId] = row with
            {
                Status = status,
                Version = row.Version + 1,
                DeclaredDeadBy = status == SiloStatus.Dead ? declaredBy : row.DeclaredDeadBy,
            };
            _version++;
            return true;
        }
    }

    /// <inheritdoc />
    public int DeleteDead(TimeSpan retention)
    {
        lock (_lock)
        {
            var cutoff = timeProvider.GetUtcNow() - retention;
            var expired = _rows.Values.Where(r => r.Status == SiloStatus.Dead && r.LastHeartbeat < cutoff).Select(r => r.SiloId).ToList();
            expired.ForEach(id => _rows.Remove(id));
            return expired.Count;
        }
    }

    private sealed record Row(
        string SiloId, string Queue, SiloStatus Status, DateTimeOffset StartedAt, DateTimeOffset LastHeartbeat,
        int ActivationCount, long Version, string? DeclaredDeadBy);
}
