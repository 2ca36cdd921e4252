using Dapper;
using Npgsql;

namespace OrleansRides.Runtime.Cluster;

/// <summary>The <c>silos</c> and <c>membership_version</c> tables (<c>sql/004_membership.sql</c>). Every status change is
/// conditional on the row's version and bumps the cluster's table version in the same transaction. Scoped to
/// <see cref="ClusterOptions.ClusterId"/>.</summary>
public sealed class MembershipTable(NpgsqlDataSource dataSource, Microsoft.Extensions.Options.IOptions<ClusterOptions> options) : IMembershipTable
{
    private readonly string _clusterId = options.Value.ClusterId;

    /// <summary>Inserts a silo as <c>joining</c>, with this machine's name and process id (for operators).</summary>
    public async Task RegisterAsync(string siloId, string queue, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync(
            """
            INSERT INTO membership_version (cluster_id, version) VALUES (@_clusterId, 0) ON CONFLICT (cluster_id) DO NOTHING;
            INSERT INTO silos (cluster_id, silo_id, queue, host, process_id, status)
            VALUES (@_clusterId, @siloId, @queue, @host, @processId, 'joining');
            """, new { _clusterId, siloId, queue, host = Environment.MachineName, processId = Environment.ProcessId }, transaction);
        await connection.ExecuteAsync(BumpVersion, new { _clusterId }, transaction);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Reads the whole table.</summary>
    public async Task<MembershipView> ReadAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return Read(await connection.QueryAsync<Row>(SelectView, new { _clusterId }));
    }

    /// <summary>Synchronous read, for the heartbeat thread (which must not depend on a possibly starved thread pool).</summary>
    public MembershipView Read()
    {
        using var connection = dataSource.OpenConnection();
        return Read(connection.Query<Row>(SelectView, new { _clusterId }));
    }

    /// <summary>Records a heartbeat and the activation count; returns the silo's status as stored (null when its row is gone).</summary>
    public SiloStatus? Heartbeat(string siloId, int activationCount)
    {
        using var connection = dataSource.OpenConnection();
        var status = connection.QuerySingleOrDefault<string>(
            """
            UPDATE silos SET last_heartbeat = now(), activation_count = @activationCount
            WHERE cluster_id = @_clusterId AND silo_id = @siloId RETURNING status
            """, new { _clusterId, siloId, activationCount });
        return status is null ? null : Parse(status);
    }

    /// <summary>Changes a silo's status if its row still has <paramref name="expectedVersion"/>.</summary>
    /// <returns>False when someone else changed the row first (re-read and decide again).</returns>
    public bool TryUpdateStatus(string siloId, SiloStatus status, long expectedVersion, string? declaredBy = null)
    {
        using var connection = dataSource.OpenConnection();
        using var transaction = connection.BeginTransaction();
        var updated = connection.Execute(
            """
            UPDATE silos SET status = @status, version = version + 1,
                declared_dead_by = CASE WHEN @status = 'dead' THEN @declaredBy ELSE declared_dead_by END
            WHERE cluster_id = @_clusterId AND silo_id = @siloId AND version = @expectedVersion
            """, new { _clusterId, siloId, status = Format(status), expectedVersion, declaredBy }, transaction);
        if (updated == 1)
        {
            connection.Execute(BumpVersion, new { _clusterId }, transaction);
        }
        transaction.Commit();
        return updated == 1;
    }

    /// <summary>Deletes dead rows older than <paramref name="retention"/> (by last heartbeat).</summary>
    public int DeleteDead(TimeSpan retention)
    {
        using var connection = dataSource.OpenConnection();
        return connection.Execute(
            "DELETE FROM silos WHERE cluster_id = @_clusterId AND status = 'dead' AND last_heartbeat < now() - @retention",
            new { _clusterId, retention });
    }

    // One statement, so one snapshot: rows and table version always belong together. (Read in two statements, a change
    // committed in between paired old rows with the new version, and since later reads carry no newer version, the stale
    // view stuck until the next change: a silo then refused calls it owned for as long as 30 s.)
    private const string SelectView =
        """
        SELECT v.version AS TableVersion, s.silo_id AS SiloId, s.queue AS Queue, s.host AS Host, s.process_id AS ProcessId,
               s.status AS Status, s.started_at AS StartedAt,
               EXTRACT(EPOCH FROM now() - s.last_heartbeat)::float8 AS HeartbeatAgeSeconds,
               s.activation_count AS ActivationCount, s.version AS Version, s.declared_dead_by AS DeclaredDeadBy
        FROM membership_version v
        LEFT JOIN silos s ON s.cluster_id = v.cluster_id
        WHERE v.cluster_id = @_clusterId
        """;

    private static MembershipView Read(IEnumerable<Row> rows)
    {
        var list = rows.ToList();
        return new MembershipView(list.FirstOrDefault()?.TableVersion ?? 0, [.. list.Where(r => r.SiloId is not null).Select(r => new SiloEntry(
            r.SiloId!, r.Queue!, r.Host!, r.ProcessId!.Value, Parse(r.Status!), Storage.PostgresTime.Utc(r.StartedAt!.Value),
            TimeSpan.FromSeconds(r.HeartbeatAgeSeconds!.Value), r.ActivationCount!.Value, r.Version!.Value, r.DeclaredDeadBy))]);
    }

    private const string BumpVersion = "UPDATE membership_version SET version = version + 1 WHERE cluster_id = @_clusterId";

    private static SiloStatus Parse(string status) => status switch
    {
        "joining" => SiloStatus.Joining,
        "active" => SiloStatus.Active,
        "shuttingDown" => SiloStatus.ShuttingDown,
        _ => SiloStatus.Dead,
    };

    private static string Format(SiloStatus status) => status switch
    {
        SiloStatus.Joining => "joining",
        SiloStatus.Active => "active",
        SiloStatus.ShuttingDown => "shuttingDown",
        _ => "dead",
    };

    /// <summary>One joined row; the silo columns are null when the cluster has a version row but no silos.</summary>
    private sealed record Row(
        long TableVersion, string? SiloId, string? Queue, string? Host, int? ProcessId, string? Status, DateTime? StartedAt,
        double? HeartbeatAgeSeconds, int? ActivationCount, long? Version, string? DeclaredDeadBy);
}
