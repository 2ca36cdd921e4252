using Dapper;
using Npgsql;
using OrleansRides.Catalog;
using OrleansRides.Site.Html;

namespace OrleansRides.Site.Pages;

/// <summary>Pages in the <c>pages</c> table (<c>sql/013_site.sql</c>). Takes requests that passed <see cref="PageValidator"/>;
/// content is sanitised here, on the way in, so that the table only ever holds the allow-listed form.</summary>
public sealed class PageRepository(NpgsqlDataSource dataSource)
{
    private const string Columns = "id AS Id, slug AS Slug, title AS Title, content AS Content, updated_at AS UpdatedAt";

    /// <summary>Every page's slug, title and last change, by title.</summary>
    public async Task<IReadOnlyList<PageSummary>> ListAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return (await connection.QueryAsync<(string Slug, string Title, DateTime UpdatedAt)>(new CommandDefinition(
            "SELECT slug, title, updated_at FROM pages ORDER BY title, slug",
            cancellationToken: cancellationToken))).Select(p => new PageSummary(p.Slug, p.Title, SiteTime.Utc(p.UpdatedAt))).ToList();
    }

    /// <summary>The page with this slug, or null.</summary>
    public async Task<Page?> FindAsync(string slug, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return (await connection.QuerySingleOrDefaultAsync<PageRow>(new CommandDefinition(
            $"SELECT {Columns} FROM pages WHERE slug = @slug", new { slug }, cancellationToken: cancellationToken)))?.ToPage();
    }

    /// <summary>Stores a new page; <see cref="WriteFailure.SlugTaken"/> when another page has its slug.</summary>
    public Task<WriteResult<Page>> CreateAsync(PageEditRequest request, Guid? editorId, CancellationToken cancellationToken) =>
        WriteAsync($"""
            INSERT INTO pages (id, slug, title, content, updated_by) VALUES (@id, @newSlug, @title, @content, @editorId)
            RETURNING {Columns}
            """, new
        {
            id = Guid.CreateVersion7(),
            newSlug = Slugs.Effective(request.Slug, request.Title),
            title = request.Title!.Trim(),
            content = SiteHtml.Sanitize(request.Content!),
            editorId,
        }, cancellationToken);

    /// <summary>Changes the fields <paramref name="request"/> gives; <see cref="WriteFailure.NotFound"/> or
    /// <see cref="WriteFailure.SlugTaken"/>.</summary>
    public Task<WriteResult<Page>> UpdateAsync(string slug, PageEditRequest request, Guid? editorId, CancellationToken cancellationToken) =>
        WriteAsync($"""
            UPDATE pages SET slug = coalesce(@newSlug, slug), title = coalesce(@title, title), content = coalesce(@content, content),
                updated_by = @editorId, updated_at = now()
            WHERE slug = @slug
            RETURNING {Columns}
            """, new
        {
            slug,
            newSlug = request.Slug,
            title = request.Title?.Trim(),
            content = request.Content is null ? null : SiteHtml.Sanitize(request.Content),
            editorId,
        }, cancellationToken);

    /// <summary>Deletes a page; false when there was none.</summary>
    public async Task<bool> DeleteAsync(string slug, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition("DELETE FROM pages WHERE slug = @slug", new { slug },
            cancellationToken: cancellationToken)) > 0;
    }

    private async Task<WriteResult<Page>> WriteAsync(string sql, object parameters, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        try
        {
            var page = await connection.QuerySingleOrDefaultAsync<PageRow>(new CommandDefinition(sql, parameters, cancellationToken: cancellationToken));
            return page is null ? WriteResult<Page>.Failed(WriteFailure.NotFound) : WriteResult<Page>.Done(page.ToPage());
        }
        catch (PostgresException ex) when (CatalogErrors.IsUniqueViolation(ex))
        {
            return WriteResult<Page>.Failed(WriteFailure.SlugTaken);
        }
    }

    private sealed record PageRow(Guid Id, string Slug, string Title, string Content, DateTime UpdatedAt)
    {
        public Page ToPage() => new(Id, Slug, Title, Content, SiteTime.Utc(UpdatedAt));
    }
}
