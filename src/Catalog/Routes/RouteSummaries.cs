using System.Text.Json;
using Dapper;
using Npgsql;
using OrleansRides.Catalog.Regions;

namespace OrleansRides.Catalog.Routes;

/// <summary>The SQL of a <see cref="RouteSummary"/>, shared with queries that attach route summaries to other rows (the
/// scheduled rides): select <see cref="Columns"/> from <see cref="From"/> (routes as <c>r</c>, their region as <c>g</c>) and
/// map the row with <see cref="Row.ToSummary"/>, or call <see cref="ForRoutesAsync"/>.</summary>
public static class RouteSummaries
{
    /// <summary>The tags of route <c>r</c> as a JSON array <c>[{ id, name, slug }]</c> by name, as text.</summary>
    public const string TagsJson =
        """
        (SELECT coalesce(json_agg(json_build_object('id', t.id, 'name', t.name, 'slug', t.slug) ORDER BY t.name, t.id), '[]'::json)
         FROM route_tags rt JOIN tags t ON t.id = rt.tag_id WHERE rt.route_id = r.id)::text
        """;

    /// <summary>The columns of <see cref="Row"/>: <see cref="CommonColumns"/> and <see cref="StartColumns"/>.</summary>
    public const string Columns = $"{CommonColumns}, {StartColumns}";

    /// <summary>The columns a summary shares with the route's details (which carry every waypoint rather than the start).</summary>
    public const string CommonColumns =
        $"""
        r.id AS Id, r.name AS Name, r.neighborhood AS Neighborhood, g.id AS RegionId, g.name AS RegionName, g.slug AS RegionSlug,
        g.time_zone AS RegionTimeZone, {TagsJson} AS TagsJson, to_char(r.departure_time, 'HH24:MI') AS DepartureTime,
        r.estimated_duration_minutes AS EstimatedDurationMinutes, r.is_recurring AS IsRecurring, r.status AS Status
        """;

    /// <summary>The first waypoint of route <c>r</c> as <c>StartLat</c>, <c>StartLng</c> (every route has one).</summary>
    public const string StartColumns =
        "(r.waypoints -> 0 ->> 'lat')::float8 AS StartLat, (r.waypoints -> 0 ->> 'lng')::float8 AS StartLng";

    /// <summary>Routes <c>r</c> with their region <c>g</c> (none for legacy routes).</summary>
    public const string From = "routes r LEFT JOIN regions g ON g.id = r.region_id";

    /// <summary>Summaries of the routes with these ids (unknown ids are left out).</summary>
    public static async Task<IReadOnlyDictionary<Guid, RouteSummary>> ForRoutesAsync(
        NpgsqlConnection connection, IReadOnlyCollection<Guid> routeIds, CancellationToken cancellationToken)
    {
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(
            $"SELECT {Columns} FROM {From} WHERE r.id = ANY(@ids)", new { ids = routeIds.ToArray() }, cancellationToken: cancellationToken));
        return rows.ToDictionary(r => r.Id, r => r.ToSummary());
    }

    /// <summary>One row of <see cref="Columns"/>.</summary>
    /// <param name="Id">Route id.</param>
    /// <param name="Name">Name.</param>
    /// <param name="Neighborhood">Neighborhood or null.</param>
    /// <param name="RegionId">Region id, null for legacy routes.</param>
    /// <param name="RegionName">Region name.</param>
    /// <param name="RegionSlug">Region slug.</param>
    /// <param name="RegionTimeZone">Region zone id.</param>
    /// <param name="TagsJson">See <see cref="RouteSummaries.TagsJson"/>.</param>
    /// <param name="DepartureTime"><c>HH:mm</c>.</param>
    /// <param name="EstimatedDurationMinutes">Minutes or null.</param>
    /// <param name="IsRecurring">Whether it repeats.</param>
    /// <param name="Status">Status.</param>
    /// <param name="StartLat">First waypoint's latitude.</param>
    /// <param name="StartLng">First waypoint's longitude.</param>
    public sealed record Row(
        Guid Id, string Name, string? Neighborhood, Guid? RegionId, string? RegionName, string? RegionSlug, string? RegionTimeZone,
        string TagsJson, string DepartureTime, int? EstimatedDurationMinutes, bool IsRecurring, string Status, double StartLat,
        double StartLng)
    {
        /// <summary>The summary.</summary>
        public RouteSummary ToSummary() => new(Id, Name, Neighborhood, Region(RegionId, RegionName, RegionSlug, RegionTimeZone),
            Tags(TagsJson), DepartureTime, EstimatedDurationMinutes, IsRecurring, Status, new GeoPoint(StartLat, StartLng));
    }

    internal static RegionSummary? Region(Guid? id, string? name, string? slug, string? timeZone) =>
        id is { } regionId ? new RegionSummary(regionId, name!, slug!, timeZone!) : null;

    internal static IReadOnlyList<TagSummary> Tags(string json) =>
        JsonSerializer.Deserialize<TagSummary[]>(json, JsonSerializerOptions.Web)!;
}
