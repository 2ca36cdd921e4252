using System.Text.Json;

namespace OrleansRides.Catalog.Routes;

/// <summary>Partial updates (<c>PUT /api/v1/routes/{id}</c>, decision 69): a field absent or null keeps its stored value, so
/// the merged request is validated whole by <see cref="CreateRouteValidator"/>.</summary>
public static class RouteUpdates
{
    /// <summary><paramref name="patch"/> laid over <paramref name="current"/>. <c>isRecurring: false</c> drops the stored rule and
    /// end date; a rule given without <c>isRecurring</c> makes the route recurring.</summary>
    public static RouteRequest Merge(RouteDetails current, RouteRequest patch)
    {
        var isRecurring = patch.IsRecurring ?? (patch.RecurrenceRule is not null || current.IsRecurring);
        return new RouteRequest(
            patch.Name ?? current.Name,
            patch.Description ?? current.Description,
            patch.Waypoints ?? current.Waypoints.Select(w => new WaypointInput(w.Lat, w.Lng, w.Name)).ToList(),
            patch.DepartureTime ?? current.DepartureTime,
            patch.EstimatedDuration ?? (current.EstimatedDurationMinutes is { } minutes ? JsonSerializer.SerializeToElement(minutes) : null),
            patch.RegionId ?? current.Region?.Id,
            patch.Neighborhood ?? current.Neighborhood,
            patch.TagIds ?? current.Tags.Select(t => t.Id).ToList(),
            isRecurring,
            // A rule or end date sent along with isRecurring: false is kept, so that validation refuses the contradiction.
            isRecurring ? patch.RecurrenceRule ?? current.RecurrenceRule : patch.RecurrenceRule,
            isRecurring ? patch.RecurrenceEndDate ?? current.RecurrenceEndDate : patch.RecurrenceEndDate);
    }

    /// <summary>The status after a manager's edit: staff edits keep it; anyone else's edit of an approved or rejected route
    /// sends it back to review (pending), so what is listed is what staff approved. Archived stays archived.</summary>
    public static string StatusAfterEdit(string current, bool byStaff) =>
        byStaff || current is RouteStatuses.Pending or RouteStatuses.Archived ? current : RouteStatuses.Pending;
}
