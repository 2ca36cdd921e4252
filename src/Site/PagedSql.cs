using Dapper;
using Npgsql;

namespace OrleansRides.Site;

/// <summary>One page of a site list read in one round trip: the count of matching rows and the page's rows (two
/// statements of one batch, so that a page past the end still reports the total).</summary>
internal static class PagedSql
{
    /// <summary>Runs <paramref name="countSql"/> (one <c>bigint</c>) then <paramref name="pageSql"/>, which reads
    /// <c>@limit</c> and <c>@offset</c> besides <paramref name="parameters"/>'s own.</summary>
    public static async Task<PagedList<T>> QueryAsync<TRow, T>(
        NpgsqlDataSource dataSource, string countSql, string pageSql, PageQuery query, DynamicParameters parameters,
        Func<TRow, T> map, CancellationToken cancellationToken)
    {
        parameters.Add("limit", query.Limit);
        parameters.Add("offset", query.Offset);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var results = await connection.QueryMultipleAsync(new CommandDefinition(
            countSql + ";\n" + pageSql, parameters, cancellationToken: cancellationToken));
        var total = await results.ReadSingleAsync<long>();
        var rows = await results.ReadAsync<TRow>();
        return new PagedList<T>(rows.Select(map).ToList(), NumberedPagination.Of(query, total));
    }
}
