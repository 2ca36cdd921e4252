using Dapper;
using Npgsql;

namespace OrleansRides.Catalog.Routes;

/// <summary>The filtered route list (<c>GET /api/v1/routes</c>), by name. Text search is a parameterised <c>ILIKE</c> on
/// name, neighborhood and description with <c>%</c>, <c>_</c> and <c>\</c> escaped, so the text is matched literally
/// (decision 68).</summary>
public sealed class RouteSearch(NpgsqlDataSource dataSource)
{
    private const string Where =
        """
        WHERE r.status = @Status
          AND (@RegionId::uuid IS NULL OR r.region_id = @RegionId)
          AND (cardinality(@TagIds::uuid[]) = 0
               OR EXISTS (SELECT 1 FROM route_tags rt WHERE rt.route_id = r.id AND rt.tag_id = ANY(@TagIds)))
          AND (@Pattern::text IS NULL OR r.name ILIKE @Pattern ESCAPE '\' OR r.neighborhood ILIKE @Pattern ESCAPE '\'
               OR r.description ILIKE @Pattern ESCAPE '\')
        """;

    /// <summary>One page of the routes matching <paramref name="filter"/>, and how many match in all.</summary>
    public async Task<Page<RouteSummary>> ListAsync(RouteFilter filter, PageRequest page, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var parameters = new
        {
            filter.Status,
            filter.RegionId,
            TagIds = filter.TagIds.ToArray(),
            Pattern = filter.Text is { } text ? $"%{EscapeLike(text)}%" : null,
            page.Limit,
            page.Offset,
        };
        await using var results = await connection.QueryMultipleAsync(new CommandDefinition(
            $"""
            SELECT {RouteSummaries.Columns} FROM {RouteSummaries.From} {Where} ORDER BY r.name, r.id LIMIT @Limit OFFSET @Offset;
            SELECT count(*)::int FROM routes r {Where};
            """, parameters, cancellationToken: cancellationToken));
        var rows = (await results.ReadAsync<RouteSummaries.Row>()).Select(r => r.ToSummary()).ToList();
        return new Page<RouteSummary>(rows, await results.ReadSingleAsync<int>());
    }

    /// <summary><paramref name="text"/> with the <c>LIKE</c> wildcards and the escape character escaped by <c>\</c>.</summary>
    public static string EscapeLike(string text) =>
        text.Replace(@"\", @"\\", StringComparison.Ordinal).Replace("%", @"\%", StringComparison.Ordinal).Replace("_", @"\_", StringComparison.Ordinal);
}
