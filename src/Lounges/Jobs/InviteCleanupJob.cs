using Dapper;
using Npgsql;
using OrleansRides.Catalog.Jobs;

namespace OrleansRides.Lounges.Jobs;

/// <summary>Deletes invite links expired or revoked more than <see cref="Retention"/> ago (kept that long so their owners
/// still see in the list why a link stopped working), and rejected join requests decided more than
/// <see cref="Retention"/> ago (until then the user cannot ask again). Runs hourly as <c>lounge-invite-cleanup</c>;
/// idempotent.</summary>
public sealed class InviteCleanupJob(NpgsqlDataSource dataSource, TimeProvider time) : IPeriodicJob
{
    /// <summary>How long a dead link or a rejection is kept: 30 days.</summary>
    public static readonly TimeSpan Retention = TimeSpan.FromDays(30);

    /// <inheritdoc />
    public async Task RunAsync(CancellationToken cancellationToken) => await CleanAsync(cancellationToken);

    /// <summary>One run; returns the invite links and the join requests it deleted.</summary>
    public async Task<(int Invites, int JoinRequests)> CleanAsync(CancellationToken cancellationToken)
    {
        var cutoff = time.GetUtcNow() - Retention;
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var invites = await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM lounge_invites WHERE expires_at <= @cutoff OR revoked_at <= @cutoff", new { cutoff }, cancellationToken: cancellationToken));
        var requests = await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM lounge_join_requests WHERE status = 'rejected' AND decided_at <= @cutoff", new { cutoff }, cancellationToken: cancellationToken));
        return (invites, requests);
    }
}
