using Dapper;
using Npgsql;
using OrleansRides.GrainInterfaces.Rides;

namespace OrleansRides.Catalog.Routes;

/// <summary>Who may change a route and its rides (update, archive, add or cancel rides): its creator, whoever holds its
/// leader key (sent in the <c>X-Leader-Key</c> header), and staff (<see cref="StaffRoles"/>).</summary>
public sealed class RouteManagers(NpgsqlDataSource dataSource)
{
    /// <summary>The request header that carries a route's leader key.</summary>
    public const string LeaderKeyHeader = "X-Leader-Key";

    /// <summary>Whether the caller manages the route; false when there is no such route. <paramref name="userId"/> and
    /// <paramref name="role"/> are the signed-in account's (null when anonymous); the leader key is compared as the ride
    /// hub does, by SHA-256 in constant time (<see cref="LeaderKeys.Matches"/>).</summary>
    public async Task<bool> CanManageAsync(Guid routeId, Guid? userId, string? role, string? leaderKey, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var route = await connection.QuerySingleOrDefaultAsync<ManagerRow>(new CommandDefinition(
            "SELECT creator_id AS CreatorId, leader_key_hash AS LeaderKeyHash FROM routes WHERE id = @routeId", new { routeId },
            cancellationToken: cancellationToken));
        return route is not null && Allows(route.CreatorId, route.LeaderKeyHash, userId, role, leaderKey);
    }

    /// <summary>The rule itself, for a caller that has already read the route's <paramref name="creatorId"/> and
    /// <paramref name="leaderKeyHash"/> (scheduling and cancelling rides do).</summary>
    public static bool Allows(Guid? creatorId, byte[] leaderKeyHash, Guid? userId, string? role, string? leaderKey) =>
        StaffRoles.IsEditorOrAdmin(role)
        || (userId is { } id && creatorId == id)
        || (!string.IsNullOrEmpty(leaderKey) && LeaderKeys.Matches(leaderKey, leaderKeyHash));

    private sealed record ManagerRow(Guid? CreatorId, byte[] LeaderKeyHash);
}
