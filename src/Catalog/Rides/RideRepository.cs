using Dapper;
using Npgsql;

namespace OrleansRides.Catalog.Rides;

/// <summary>Scheduled rides in the <c>rides</c> table (<c>sql/008_catalog.sql</c>): created per date, listed, cancelled.
/// Reads return <see cref="RideRow"/>s; <see cref="LiveRides"/> turns them into views with their live state.</summary>
public sealed class RideRepository(NpgsqlDataSource dataSource)
{
    /// <summary>The columns of <see cref="ScheduleRoute"/>: the route as <c>ro</c>, its region as <c>g</c>.</summary>
    private const string ScheduleRouteSelect =
        """
        SELECT ro.id AS Id, ro.access_code::text AS AccessCode, g.time_zone AS TimeZone, ro.departure_time AS DepartureTime,
               ro.estimated_duration_minutes AS EstimatedDurationMinutes, ro.creator_id AS CreatorId,
               ro.leader_key_hash AS LeaderKeyHash, ro.status AS Status
        """;

    /// <summary>The route with this id as scheduling needs it, or null.</summary>
    public async Task<ScheduleRoute?> FindRouteAsync(Guid routeId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<ScheduleRoute>(new CommandDefinition(
            $"""
            {ScheduleRouteSelect}
            FROM routes ro LEFT JOIN regions g ON g.id = ro.region_id WHERE ro.id = @routeId
            """, new { routeId }, cancellationToken: cancellationToken));
    }

    /// <summary>The route of the ride with this id, or null when there is no such ride.</summary>
    public async Task<ScheduleRoute?> FindRouteOfRideAsync(Guid rideId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<ScheduleRoute>(new CommandDefinition(
            $"""
            {ScheduleRouteSelect}
            FROM rides r JOIN routes ro ON ro.id = r.route_id LEFT JOIN regions g ON g.id = ro.region_id WHERE r.id = @rideId
            """, new { rideId }, cancellationToken: cancellationToken));
    }

    /// <summary>Creates the rides of <paramref name="route"/> (which must have a zone) on <paramref name="dates"/> that do not
    /// exist yet, in one statement (<c>ON CONFLICT (route_id, local_date) DO NOTHING</c>, so concurrent or repeated calls
    /// create each date once and a cancelled date is never re-created); returns the ids created.</summary>
    public async Task<IReadOnlySet<Guid>> CreateAsync(ScheduleRoute route, IReadOnlyCollection<DateOnly> dates, CancellationToken cancellationToken)
    {
        var zone = RideTimes.Zone(route.TimeZone!) ?? throw new InvalidOperationException($"Unknown time zone {route.TimeZone}.");
        var departure = route.DepartureTime;
        var rows = dates.Distinct().Order().Select(date =>
        {
            var (start, end) = RideTimes.Of(date, departure, zone, route.EstimatedDurationMinutes);
            return (Id: Guid.CreateVersion7(), Date: date.ToDateTime(TimeOnly.MinValue), Start: start, End: end);
        }).ToArray();
        if (rows.Length == 0)
        {
            return new HashSet<Guid>();
        }
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var created = await connection.QueryAsync<Guid>(new CommandDefinition(
            """
            INSERT INTO rides (id, route_id, local_date, start_time, end_time)
            SELECT id, @routeId, local_date::date, start_time, end_time
            FROM unnest(@ids, @dates, @starts, @ends) AS t (id, local_date, start_time, end_time)
            ON CONFLICT (route_id, local_date) DO NOTHING
            RETURNING id
            """,
            new
            {
                routeId = route.Id,
                ids = rows.Select(r => r.Id).ToArray(),
                dates = rows.Select(r => r.Date).ToArray(),
                starts = rows.Select(r => r.Start).ToArray(),
                ends = rows.Select(r => r.End).ToArray(),
            }, cancellationToken: cancellationToken));
        return created.ToHashSet();
    }

    /// <summary>The rides of a route on these local dates, by date.</summary>
    public async Task<IReadOnlyList<RideRow>> OnDatesAsync(Guid routeId, IReadOnlyCollection<DateOnly> dates, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return [.. await connection.QueryAsync<RideRow>(new CommandDefinition(
            $"""
            {RideQueries.Select}
            WHERE r.route_id = @routeId AND r.local_date = ANY (@dates::date[])
            ORDER BY r.local_date
            """, new { routeId, dates = dates.Select(d => d.ToDateTime(TimeOnly.MinValue)).ToArray() }, cancellationToken: cancellationToken))];
    }

    /// <summary>The ride with this id, whatever its route's status, or null.</summary>
    public async Task<RideRow?> FindAsync(Guid rideId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<RideRow>(new CommandDefinition(
            $"{RideQueries.Select} WHERE r.id = @rideId", new { rideId }, cancellationToken: cancellationToken));
    }

    /// <summary>One page of upcoming rides (<see cref="RideListQuery"/>), soonest first (ties by id), and their total.</summary>
    /// <param name="query">The filters.</param>
    /// <param name="page">Limit and offset.</param>
    /// <param name="now">"Now" for a query without a start.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    public async Task<Page<RideRow>> ListAsync(RideListQuery query, PageRequest page, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var parameters = new
        {
            query.RegionId,
            tagIds = query.TagIds.ToArray(),
            fromDate = query.FromDate?.ToDateTime(TimeOnly.MinValue),
            fromInstant = (query.FromInstant ?? now).UtcDateTime,
            query.DaysAhead,
            page.Limit,
            page.Offset,
        };
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<RideRow>(new CommandDefinition(
            $"""
            {RideQueries.Select}
            {RideQueries.ListFilter}
            ORDER BY r.start_time, r.id LIMIT @limit OFFSET @offset
            """, parameters, cancellationToken: cancellationToken));
        var total = await connection.ExecuteScalarAsync<int>(new CommandDefinition(
            $"""
            SELECT count(*)::int FROM rides r JOIN routes ro ON ro.id = r.route_id JOIN regions g ON g.id = ro.region_id
            {RideQueries.ListFilter}
            """, parameters, cancellationToken: cancellationToken));
        return new Page<RideRow>([.. rows], total);
    }

    /// <summary>Cancels a scheduled or live ride; false when it is completed or cancelled already (or gone).</summary>
    public async Task<bool> CancelAsync(Guid rideId, string reason, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE rides SET status = 'cancelled', cancel_reason = @reason, cancelled_at = @now, updated_at = @now
            WHERE id = @rideId AND status IN ('scheduled', 'live')
            """, new { rideId, reason, now = now.UtcDateTime }, cancellationToken: cancellationToken)) == 1;
    }
}
