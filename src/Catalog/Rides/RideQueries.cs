namespace OrleansRides.Catalog.Rides;

/// <summary>The SQL that reads rides with their route summary (the one place that knows how for rides; the route part
/// has the same columns and JSON as <see cref="Routes.RouteSummaries"/>).</summary>
public static class RideQueries
{
    /// <summary>Columns of <see cref="RideRow"/>; <c>r</c> is the ride, <c>ro</c> its route, <c>g</c> the route's region.</summary>
    public const string Select =
        """
        SELECT r.id AS Id, r.route_id AS RouteId, r.local_date::timestamp AS LocalDate, r.start_time AS StartTime,
               r.end_time AS EndTime, r.status AS Status, r.cancel_reason AS CancelReason, r.track_id IS NOT NULL AS HasTrack,
               r.track_id AS TrackId,
               (SELECT count(*) FROM ride_interest i WHERE i.ride_id = r.id)::int AS InterestCount,
               ro.name AS RouteName, ro.neighborhood AS Neighborhood, to_char(ro.departure_time, 'HH24:MI') AS DepartureTime,
               ro.estimated_duration_minutes AS EstimatedDurationMinutes, ro.is_recurring AS IsRecurring,
               ro.status AS RouteStatus, ro.access_code::text AS AccessCode, g.id AS RegionId, g.name AS RegionName,
               g.slug AS RegionSlug, g.time_zone AS TimeZone,
               COALESCE((SELECT json_agg(json_build_object('id', t.id, 'name', t.name, 'slug', t.slug) ORDER BY t.name)
                         FROM route_tags rt JOIN tags t ON t.id = rt.tag_id WHERE rt.route_id = ro.id), '[]')::text AS Tags,
               (ro.waypoints -> 0 ->> 'lat')::float8 AS StartLat, (ro.waypoints -> 0 ->> 'lng')::float8 AS StartLng
        FROM rides r JOIN routes ro ON ro.id = r.route_id JOIN regions g ON g.id = ro.region_id
        """;

    /// <summary>The filter of <see cref="RideListQuery"/> (parameters <c>@regionId, @tagIds, @fromDate, @fromInstant,
    /// @daysAhead</c>), after <see cref="Select"/>.</summary>
    public const string ListFilter =
        """
        WHERE ro.status = 'approved' AND r.status IN ('scheduled', 'live')
          AND (@regionId::uuid IS NULL OR ro.region_id = @regionId)
          AND (cardinality(@tagIds) = 0
               OR EXISTS (SELECT 1 FROM route_tags rt WHERE rt.route_id = ro.id AND rt.tag_id = ANY (@tagIds)))
          AND CASE WHEN @fromDate::date IS NOT NULL
                   THEN r.local_date >= @fromDate::date AND r.local_date < @fromDate::date + @daysAhead
                   ELSE r.end_time > @fromInstant AND r.start_time < @fromInstant + make_interval(days => @daysAhead) END
        """;
}
