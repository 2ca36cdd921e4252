using OrleansRides.GrainInterfaces.Rides;

namespace OrleansRides.Catalog.Rides;

/// <summary>Who may schedule and cancel a route's rides: its creator, a holder of its leader key (header
/// <c>X-Leader-Key</c>), and staff (admins, editors). The same rule as engineer A's <c>RouteManagers.CanManageAsync</c>,
/// here on the route row scheduling already read; the lead unifies the two.</summary>
public static class ScheduleManagers
{
    /// <summary>Whether the caller manages <paramref name="route"/>.</summary>
    /// <param name="route">The route.</param>
    /// <param name="userId">The signed-in account, or null for an anonymous caller.</param>
    /// <param name="isEditorOrAdmin">Whether that account is staff of the catalog.</param>
    /// <param name="leaderKey">The <c>X-Leader-Key</c> header, or null.</param>
    public static bool CanManage(ScheduleRoute route, Guid? userId, bool isEditorOrAdmin, string? leaderKey) =>
        isEditorOrAdmin
        || (userId is { } id && route.CreatorId == id)
        || (leaderKey is not null && LeaderKeys.Matches(leaderKey, route.LeaderKeyHash));
}
