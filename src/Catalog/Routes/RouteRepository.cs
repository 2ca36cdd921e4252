using System.Globalization;
using System.Text.Json;
using Dapper;
using Npgsql;
using OrleansRides.GrainInterfaces.Rides;
using OrleansRides.Runtime.Storage;

namespace OrleansRides.Catalog.Routes;

/// <summary>Routes in the <c>routes</c> table (<c>sql/001_routes.sql</c>, catalog columns from <c>sql/008_catalog.sql</c>)
/// and their tags (<c>route_tags</c>). Takes requests that <see cref="CreateRouteValidator"/> and
/// <see cref="ReferenceProblemsAsync"/> accepted.</summary>
public sealed class RouteRepository(NpgsqlDataSource dataSource)
{
    private const int CodeAttempts = 5;

    private const string DetailsSelect =
        $"""
        SELECT {RouteSummaries.CommonColumns}, r.description AS Description, r.access_code AS AccessCode, r.waypoints::text AS Waypoints,
               r.recurrence_rule AS RecurrenceRule, to_char(r.recurrence_end_date, 'YYYY-MM-DD') AS RecurrenceEndDate,
               r.creator_id AS CreatorId, r.review_reason AS ReviewReason, r.created_at AS CreatedAt, r.updated_at AS UpdatedAt
        FROM {RouteSummaries.From}
        """;

    /// <summary>Stores a route with a fresh access code (retried on the rare collision) and leader key, returned once in
    /// <see cref="RouteDetails.LeaderKey"/>. Status <c>approved</c> when staff make it, else <c>pending</c>.</summary>
    /// <exception cref="InvalidOperationException">No free access code after 5 tries (the code space is nearly full).</exception>
    public async Task<RouteDetails> CreateAsync(RouteRequest request, Guid? creatorId, bool byStaff, CancellationToken cancellationToken)
    {
        var id = Guid.CreateVersion7();
        var leaderKey = LeaderKeys.Generate();
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                // The row is inserted with its identity only; WriteAsync sets every field, as for an update.
                await WriteAsync(id, request, byStaff ? RouteStatuses.Approved : RouteStatuses.Pending, cancellationToken,
                    async (connection, transaction) => await connection.ExecuteAsync(new CommandDefinition(
                        """
                        INSERT INTO routes (id, name, access_code, leader_key_hash, waypoints, departure_time, creator_id)
                        VALUES (@id, '', @accessCode, @leaderKeyHash, '[]', '00:00', @creatorId)
                        """,
                        new { id, accessCode = AccessCodes.Generate(), leaderKeyHash = LeaderKeys.Hash(leaderKey), creatorId },
                        transaction, cancellationToken: cancellationToken)) == 1);
                break;
            }
            catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.UniqueViolation && attempt < CodeAttempts)
            {
                // Another route took this access code; draw again.
            }
        }
        return (await FindByIdAsync(id, cancellationToken))! with { LeaderKey = leaderKey };
    }

    /// <summary>Replaces every field of the route with the (merged, validated) <paramref name="request"/> and sets its status;
    /// null when there is no such route.</summary>
    public async Task<RouteDetails?> UpdateAsync(Guid id, RouteRequest request, string status, CancellationToken cancellationToken)
    {
        var found = await WriteAsync(id, request, status, cancellationToken, async (connection, transaction) =>
            await connection.ExecuteScalarAsync<int?>(new CommandDefinition(
                "SELECT 1 FROM routes WHERE id = @id FOR UPDATE", new { id }, transaction, cancellationToken: cancellationToken)) is not null);
        return found ? await FindByIdAsync(id, cancellationToken) : null;
    }

    /// <summary>Sets the route's status to archived (unlisted; its code and live ride keep working); false when there is no
    /// such route. Archiving an archived route changes nothing.</summary>
    public async Task<bool> ArchiveAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE routes SET status = 'archived', updated_at = now() WHERE id = @id", new { id }, cancellationToken: cancellationToken)) == 1;
    }

    /// <summary>Records a staff review: approved or rejected, with the reason, the reviewer and the time; null when there is
    /// no such route.</summary>
    public async Task<RouteDetails?> ReviewAsync(Guid id, bool approve, string? reason, Guid? reviewerId, CancellationToken cancellationToken)
    {
        await using (var connection = await dataSource.OpenConnectionAsync(cancellationToken))
        {
            var updated = await connection.ExecuteAsync(new CommandDefinition(
                """
                UPDATE routes SET status = @status, review_reason = @reason, reviewed_by = @reviewerId, reviewed_at = now(), updated_at = now()
                WHERE id = @id
                """,
                new { id, status = approve ? RouteStatuses.Approved : RouteStatuses.Rejected, reason = Blank(reason), reviewerId },
                cancellationToken: cancellationToken));
            if (updated == 0)
            {
                return null;
            }
        }
        return await FindByIdAsync(id, cancellationToken);
    }

    /// <summary>The route with this id, or null.</summary>
    public Task<RouteDetails?> FindByIdAsync(Guid id, CancellationToken cancellationToken) =>
        FindAsync($"{DetailsSelect} WHERE r.id = @id", new { id }, cancellationToken);

    /// <summary>The route with this (normalized) access code, or null.</summary>
    public Task<RouteDetails?> FindByAccessCodeAsync(string accessCode, CancellationToken cancellationToken) =>
        FindAsync($"{DetailsSelect} WHERE r.access_code = @accessCode", new { accessCode }, cancellationToken);

    /// <summary>What is wrong with the region and tags a request refers to, by field (<c>regionId</c>, <c>tagIds</c>): an
    /// unknown region, unknown or inactive tags. Empty when both are fine or not given.</summary>
    public async Task<Dictionary<string, string[]>> ReferenceProblemsAsync(Guid? regionId, IReadOnlyList<Guid>? tagIds, CancellationToken cancellationToken)
    {
        var problems = new Dictionary<string, string[]>();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        if (regionId is { } region && !await connection.ExecuteScalarAsync<bool>(new CommandDefinition(
                "SELECT EXISTS (SELECT 1 FROM regions WHERE id = @region)", new { region }, cancellationToken: cancellationToken)))
        {
            problems["regionId"] = ["No such region."];
        }
        if (tagIds is { Count: > 0 })
        {
            var active = await connection.ExecuteScalarAsync<int>(new CommandDefinition(
                "SELECT count(*)::int FROM tags WHERE id = ANY(@ids) AND is_active", new { ids = tagIds.Distinct().ToArray() },
                cancellationToken: cancellationToken));
            if (active != tagIds.Distinct().Count())
            {
                problems["tagIds"] = ["Unknown or inactive tag."];
            }
        }
        return problems;
    }

    // Writes the route's fields and tags in one transaction, after `prepare` inserts or locks the row (false: no such row).
    private async Task<bool> WriteAsync(
        Guid id, RouteRequest request, string status, CancellationToken cancellationToken, Func<NpgsqlConnection, NpgsqlTransaction, Task<bool>> prepare)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (!await prepare(connection, transaction))
        {
            return false;
        }
        var isRecurring = CreateRouteValidator.IsRecurring(request);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE routes SET name = @Name, description = @Description, waypoints = @Waypoints::jsonb, departure_time = @DepartureTime::time,
                estimated_duration_minutes = @Minutes, region_id = @RegionId, neighborhood = @Neighborhood, is_recurring = @IsRecurring,
                recurrence_rule = @Rule, recurrence_end_date = @EndDate::date, status = @Status, updated_at = now()
            WHERE id = @Id;
            DELETE FROM route_tags WHERE route_id = @Id;
            INSERT INTO route_tags (route_id, tag_id) SELECT @Id, unnest(@TagIds);
            """,
            new
            {
                Id = id,
                request.Name,
                Description = Blank(request.Description),
                Waypoints = JsonSerializer.Serialize(request.Waypoints!.Select(w => new Waypoint(w.Lat!.Value, w.Lng!.Value, Blank(w.Name))), JsonSerializerOptions.Web),
                request.DepartureTime,
                Minutes = request.EstimatedDuration is { } duration ? RouteDurations.Parse(duration, out _) : null,
                request.RegionId,
                Neighborhood = Blank(request.Neighborhood),
                IsRecurring = isRecurring,
                Rule = isRecurring ? RecurrenceRules.Normalize(request.RecurrenceRule!) : null,
                EndDate = isRecurring ? request.RecurrenceEndDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : null,
                Status = status,
                TagIds = (request.TagIds ?? []).Distinct().ToArray(),
            }, transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    private static string? Blank(string? value) => string.IsNullOrEmpty(value) ? null : value;

    private async Task<RouteDetails?> FindAsync(string sql, object parameters, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<DetailsRow>(new CommandDefinition(sql, parameters, cancellationToken: cancellationToken));
        return row?.ToDetails();
    }

    private sealed record DetailsRow(
        Guid Id, string Name, string? Neighborhood, Guid? RegionId, string? RegionName, string? RegionSlug, string? RegionTimeZone,
        string TagsJson, string DepartureTime, int? EstimatedDurationMinutes, bool IsRecurring, string Status, string? Description,
        string AccessCode, string Waypoints, string? RecurrenceRule, string? RecurrenceEndDate, Guid? CreatorId, string? ReviewReason,
        DateTime CreatedAt, DateTime UpdatedAt)
    {
        public RouteDetails ToDetails() => new(
            Id, Name, Neighborhood, RouteSummaries.Region(RegionId, RegionName, RegionSlug, RegionTimeZone), RouteSummaries.Tags(TagsJson),
            DepartureTime, EstimatedDurationMinutes, IsRecurring, Status, Description, AccessCode,
            JsonSerializer.Deserialize<Waypoint[]>(Waypoints, JsonSerializerOptions.Web)!, RecurrenceRule,
            RecurrenceEndDate is null ? null : DateOnly.ParseExact(RecurrenceEndDate, "yyyy-MM-dd", CultureInfo.InvariantCulture),
            CreatorId, ReviewReason, PostgresTime.Utc(CreatedAt), PostgresTime.Utc(UpdatedAt));
    }
}
