using Dapper;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using OrleansRides.Catalog.Recurrence;
using OrleansRides.Catalog.Rides;

namespace OrleansRides.Catalog.Jobs;

/// <summary>Gives every approved, recurring route with a region and a rule its rides up to the horizon
/// (<see cref="ScheduleOptions.ScheduleHorizonDays"/>): the rule's dates (<see cref="RecurrenceDates"/>, DTSTART = the
/// route's creation date in its zone) from today in the route's zone, whose departure is not past yet. Idempotent: rides
/// are inserted with <c>ON CONFLICT (route_id, local_date) DO NOTHING</c>, so a second run creates nothing and a cancelled
/// ride is never re-created. A route whose rule cannot be evaluated is logged and skipped.</summary>
public sealed class RecurrenceExpansionJob(
    NpgsqlDataSource dataSource, RideRepository rides, IOptions<ScheduleOptions> options, TimeProvider time,
    ILogger<RecurrenceExpansionJob> logger) : IPeriodicJob
{
    /// <summary>The job's name in <c>Jobs:{name}:Interval</c> and its advisory lock.</summary>
    public const string Name = "recurrence-expansion";

    /// <inheritdoc />
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var created = 0;
        foreach (var route in await RecurringRoutesAsync(cancellationToken))
        {
            var zone = RideTimes.Zone(route.Schedule.TimeZone!);
            if (zone is null)
            {
                logger.LogWarning("Route {Route} is in the unknown time zone {Zone}; not expanded", route.Schedule.Id, route.Schedule.TimeZone);
                continue;
            }
            var today = RideTimes.LocalDate(now, zone);
            IReadOnlyList<DateOnly> dates;
            try
            {
                dates = RecurrenceDates.Between(route.RecurrenceRule, RideTimes.LocalDate(new DateTimeOffset(route.CreatedAt, TimeSpan.Zero), zone),
                    route.RecurrenceEndDate is { } end ? DateOnly.FromDateTime(end) : null, today, today.AddDays(options.Value.ScheduleHorizonDays));
            }
            catch (FormatException ex)
            {
                logger.LogWarning("Route {Route} has a recurrence rule that cannot be expanded: {Error}", route.Schedule.Id, ex.Message);
                continue;
            }
            var departure = route.Schedule.DepartureTime;
            var upcoming = dates.Where(date => RideTimes.Of(date, departure, zone, route.Schedule.EstimatedDurationMinutes).Start > now.UtcDateTime).ToList();
            created += (await rides.CreateAsync(route.Schedule, upcoming, cancellationToken)).Count;
        }
        if (created > 0)
        {
            logger.LogInformation("Recurrence expansion created {Count} rides", created);
        }
    }

    private async Task<IReadOnlyList<RecurringRoute>> RecurringRoutesAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<RecurringRouteRow>(new CommandDefinition(
            """
            SELECT ro.id AS Id, ro.access_code::text AS AccessCode, g.time_zone AS TimeZone, ro.departure_time AS DepartureTime,
                   ro.estimated_duration_minutes AS EstimatedDurationMinutes, ro.creator_id AS CreatorId,
                   ro.leader_key_hash AS LeaderKeyHash, ro.recurrence_rule AS RecurrenceRule,
                   ro.recurrence_end_date::timestamp AS RecurrenceEndDate, ro.created_at AS CreatedAt
            FROM routes ro JOIN regions g ON g.id = ro.region_id
            WHERE ro.status = 'approved' AND ro.is_recurring AND ro.recurrence_rule IS NOT NULL
            ORDER BY ro.id
            """, cancellationToken: cancellationToken));
        return [.. rows.Select(r => new RecurringRoute(
            new ScheduleRoute(r.Id, r.AccessCode, r.TimeZone, r.DepartureTime, r.EstimatedDurationMinutes, r.CreatorId, r.LeaderKeyHash, "approved"),
            r.RecurrenceRule, r.RecurrenceEndDate, r.CreatedAt))];
    }

    private sealed record RecurringRoute(ScheduleRoute Schedule, string RecurrenceRule, DateTime? RecurrenceEndDate, DateTime CreatedAt);

    private sealed record RecurringRouteRow(
        Guid Id, string AccessCode, string TimeZone, TimeOnly DepartureTime, int? EstimatedDurationMinutes, Guid? CreatorId,
        byte[] LeaderKeyHash, string RecurrenceRule, DateTime? RecurrenceEndDate, DateTime CreatedAt);
}
