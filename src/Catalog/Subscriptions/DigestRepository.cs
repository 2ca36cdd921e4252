using Dapper;
using Npgsql;
using OrleansRides.Runtime.Storage;

namespace OrleansRides.Catalog.Subscriptions;

/// <summary>What the digest job reads and records: active subscriptions whose period's digest is still due, the rides
/// that match one, and the per-period delivery rows (<c>digest_deliveries</c>) that make a second send impossible.</summary>
public sealed class DigestRepository(NpgsqlDataSource dataSource)
{
    /// <summary>Up to <paramref name="limit"/> active subscriptions with an id above <paramref name="after"/> whose digest
    /// for the period containing <paramref name="now"/> is neither sent, nor found empty, nor out of attempts, nor claimed
    /// by a run less than <paramref name="claimTimeout"/> ago; by id.</summary>
    public async Task<IReadOnlyList<DueSubscription>> DueAsync(
        DateTimeOffset now, Guid after, int limit, int maxAttempts, TimeSpan claimTimeout, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<DueRow>(new CommandDefinition(
            """
            SELECT s.id AS Id, s.email AS Email, s.frequency AS Frequency, s.region_ids AS RegionIds, s.tag_ids AS TagIds
            FROM subscriptions s
            WHERE s.status = 'active' AND s.id > @after
              AND NOT EXISTS (
                  SELECT 1 FROM digest_deliveries d
                  WHERE d.subscription_id = s.id
                    AND d.period_start = CASE s.frequency WHEN 'daily' THEN @daily::date WHEN 'weekly' THEN @weekly::date ELSE @monthly::date END
                    AND (d.status IN ('sent', 'empty') OR d.attempts >= @maxAttempts OR (d.status = 'sending' AND d.claimed_at > @staleBefore)))
            ORDER BY s.id
            LIMIT @limit
            """,
            new
            {
                after, limit, maxAttempts, staleBefore = (now - claimTimeout).UtcDateTime,
                daily = Date(DigestPeriods.PeriodStart(DigestFrequency.Daily, now)),
                weekly = Date(DigestPeriods.PeriodStart(DigestFrequency.Weekly, now)),
                monthly = Date(DigestPeriods.PeriodStart(DigestFrequency.Monthly, now)),
            }, cancellationToken: cancellationToken));
        return rows.Select(r => new DueSubscription(r.Id, r.Email, DigestPeriods.Parse(r.Frequency), r.RegionIds, r.TagIds)).ToList();
    }

    /// <summary>Claims the digest of <paramref name="subscriptionId"/> for the period starting <paramref name="periodStart"/>
    /// before sending it: a new row, or a failed or abandoned one (claimed before <paramref name="staleBefore"/>) with
    /// attempts left. Returns the attempt number, or null when the period is taken (sent, empty, in progress elsewhere,
    /// out of attempts) or the subscription is no longer active. The primary key settles races between runs.</summary>
    public async Task<int?> ClaimAsync(
        Guid subscriptionId, DateOnly periodStart, DateTimeOffset now, DateTimeOffset staleBefore, int maxAttempts, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<int?>(new CommandDefinition(
            """
            INSERT INTO digest_deliveries AS d (subscription_id, period_start, status, attempts, claimed_at)
            SELECT @subscriptionId, @periodStart::date, 'sending', 1, @now
            WHERE EXISTS (SELECT 1 FROM subscriptions WHERE id = @subscriptionId AND status = 'active')
            ON CONFLICT (subscription_id, period_start) DO UPDATE SET status = 'sending', attempts = d.attempts + 1, claimed_at = EXCLUDED.claimed_at
            WHERE d.attempts < @maxAttempts AND (d.status = 'failed' OR (d.status = 'sending' AND d.claimed_at <= @staleBefore))
            RETURNING d.attempts
            """,
            new { subscriptionId, periodStart = Date(periodStart), now = now.UtcDateTime, staleBefore = staleBefore.UtcDateTime, maxAttempts },
            cancellationToken: cancellationToken));
    }

    /// <summary>Records how a claimed period ended: <c>sent</c> (with <paramref name="rideCount"/>), <c>empty</c> or
    /// <c>failed</c>.</summary>
    public async Task RecordAsync(
        Guid subscriptionId, DateOnly periodStart, DeliveryOutcome outcome, int rideCount, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE digest_deliveries SET status = @status, ride_count = @rideCount, sent_at = CASE WHEN @status = 'sent' THEN @now END
            WHERE subscription_id = @subscriptionId AND period_start = @periodStart::date
            """,
            new { subscriptionId, periodStart = Date(periodStart), status = outcome.ToString().ToLowerInvariant(), rideCount, now = now.UtcDateTime },
            cancellationToken: cancellationToken));
    }

    /// <summary>Up to <paramref name="limit"/> rides for <paramref name="subscription"/>, soonest first, and how many match
    /// in all: of approved routes, scheduled or live, in its regions (any if none) with any of its tags (any if none),
    /// starting in [<paramref name="from"/>, <paramref name="to"/>) — or live and not yet over at <paramref name="from"/>.</summary>
    public async Task<(IReadOnlyList<DigestRide> Rides, int Total)> RidesAsync(
        DueSubscription subscription, DateTimeOffset from, DateTimeOffset to, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = (await connection.QueryAsync<RideRow>(new CommandDefinition(
            """
            SELECT r.id AS Id, r.start_time AS StartTime, r.status AS Status, rt.name AS RouteName, rt.neighborhood AS Neighborhood,
                   rg.name AS RegionName, rg.time_zone AS TimeZone,
                   COALESCE((SELECT string_agg(t.name, ', ' ORDER BY t.name) FROM route_tags x JOIN tags t ON t.id = x.tag_id WHERE x.route_id = rt.id), '') AS Tags,
                   count(*) OVER ()::int AS Total
            FROM rides r
            JOIN routes rt ON rt.id = r.route_id
            JOIN regions rg ON rg.id = rt.region_id
            WHERE rt.status = 'approved' AND r.status IN ('scheduled', 'live')
              AND r.start_time < @to AND (r.start_time >= @from OR (r.status = 'live' AND r.end_time > @from))
              AND (cardinality(@regionIds::uuid[]) = 0 OR rt.region_id = ANY(@regionIds::uuid[]))
              AND (cardinality(@tagIds::uuid[]) = 0 OR EXISTS (
                  SELECT 1 FROM route_tags x WHERE x.route_id = rt.id AND x.tag_id = ANY(@tagIds::uuid[])))
            ORDER BY r.start_time, r.id
            LIMIT @limit
            """,
            new { from = from.UtcDateTime, to = to.UtcDateTime, regionIds = subscription.RegionIds, tagIds = subscription.TagIds, limit },
            cancellationToken: cancellationToken))).ToList();
        var rides = rows.Select(r => new DigestRide(
            r.Id, PostgresTime.Utc(r.StartTime), r.Status == "live", r.RouteName, r.Neighborhood, r.RegionName, r.TimeZone, r.Tags)).ToList();
        return (rides, rows.Count == 0 ? 0 : rows[0].Total);
    }

    // Dapper has no DateOnly mapping; a date at midnight, cast to date in SQL, carries it.
    private static DateTime Date(DateOnly date) => date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);

    // Properties, not a positional record: Dapper's constructor matching sees uuid[] as System.Array.
    private sealed class DueRow
    {
        public Guid Id { get; init; }

        public string Email { get; init; } = "";

        public string Frequency { get; init; } = "";

        public Guid[] RegionIds { get; init; } = [];

        public Guid[] TagIds { get; init; } = [];
    }

    private sealed record RideRow(
        Guid Id, DateTime StartTime, string Status, string RouteName, string? Neighborhood, string RegionName, string TimeZone, string Tags, int Total);
}

/// <summary>An active subscription whose digest is due.</summary>
/// <param name="Id">The subscription.</param>
/// <param name="Email">Where to send.</param>
/// <param name="Frequency">Its period.</param>
/// <param name="RegionIds">Regions (empty: all).</param>
/// <param name="TagIds">Tags (empty: any).</param>
public sealed record DueSubscription(Guid Id, string Email, DigestFrequency Frequency, Guid[] RegionIds, Guid[] TagIds);

/// <summary>One ride of a digest.</summary>
/// <param name="Id">The scheduled ride (for its page).</param>
/// <param name="StartTime">UTC.</param>
/// <param name="IsLive">Its leader is broadcasting now.</param>
/// <param name="RouteName">The route's name.</param>
/// <param name="Neighborhood">The route's neighbourhood, if any.</param>
/// <param name="RegionName">The region's name.</param>
/// <param name="TimeZone">The region's IANA zone, in which the start is shown.</param>
/// <param name="Tags">The route's tag names, comma-separated (may be empty).</param>
public sealed record DigestRide(
    Guid Id, DateTimeOffset StartTime, bool IsLive, string RouteName, string? Neighborhood, string RegionName, string TimeZone, string Tags);

/// <summary>How a claimed digest period ended.</summary>
public enum DeliveryOutcome
{
    /// <summary>The mail was handed to the server.</summary>
    Sent,

    /// <summary>No ride matched: no mail, and the period is done (decision 82).</summary>
    Empty,

    /// <summary>Sending threw; retried while attempts are left.</summary>
    Failed,
}
