using Dapper;
using Npgsql;

namespace OrleansRides.Site.Articles;

/// <summary>Article lists: filters, sort orders and PostgreSQL full-text search over the generated, weighted
/// <c>articles.search</c> column (title A, excerpt B, content C) with <c>websearch_to_tsquery</c>, which accepts any text
/// (unbalanced quotes, operators, SQL) without a syntax error, in the configuration <c>site_settings.text_search_config</c>
/// names (<c>indonesian</c> where the server has it), the one the column was generated with.</summary>
internal static class ArticleSearch
{
    private const string Where = """
        WHERE (@Status::text IS NULL OR a.status = @Status)
          AND (@CategorySlug::text IS NULL OR c.slug = @CategorySlug)
          AND (@AuthorId::uuid IS NULL OR a.author_id = @AuthorId)
          AND (@Search::text IS NULL OR a.search @@ websearch_to_tsquery(
                (SELECT value FROM site_settings WHERE key = 'text_search_config')::regconfig, @Search))
        """;

    public static async Task<PagedList<ArticleSummary>> ListAsync(
        NpgsqlDataSource dataSource, ArticleFilter filter, PageQuery page, CancellationToken cancellationToken)
    {
        var parameters = new { filter.Status, filter.CategorySlug, filter.AuthorId, filter.Search, page.Limit, page.Offset };
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var total = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            $"SELECT count(*) FROM articles a LEFT JOIN categories c ON c.id = a.category_id {Where}", parameters, cancellationToken: cancellationToken));
        var rows = total <= page.Offset ? [] : await connection.QueryAsync<ArticleRow>(new CommandDefinition(
            $"{ArticleRows.Summaries} {Where} ORDER BY {OrderBy(filter)} LIMIT @Limit OFFSET @Offset", parameters, cancellationToken: cancellationToken));
        return new PagedList<ArticleSummary>(rows.Select(r => r.ToSummary()).ToList(), NumberedPagination.Of(page, total));
    }

    // Built only from these constants, never from the request's text (the validator admits the four keys alone); the id
    // breaks ties so that pages never overlap.
    private static string OrderBy(ArticleFilter filter)
    {
        var direction = filter.Descending ? "DESC" : "ASC";
        return filter.SortBy switch
        {
            null when filter.Search is not null => """
                ts_rank(a.search, websearch_to_tsquery((SELECT value FROM site_settings WHERE key = 'text_search_config')::regconfig, @Search)) DESC,
                a.published_at DESC NULLS LAST, a.id DESC
                """,
            "created_at" => $"a.created_at {direction}, a.id {direction}",
            "updated_at" => $"a.updated_at {direction}, a.id {direction}",
            "title" => $"lower(a.title) {direction}, a.id {direction}",
            // published_at, the default: never-published drafts last in either direction.
            _ => $"a.published_at {direction} NULLS LAST, a.created_at {direction}, a.id {direction}",
        };
    }
}
