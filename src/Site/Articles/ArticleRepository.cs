using Dapper;
using Npgsql;
using OrleansRides.Catalog;
using OrleansRides.Site.Html;

namespace OrleansRides.Site.Articles;

/// <summary>Articles in the <c>articles</c> table (<c>sql/013_site.sql</c>). Takes validated requests; content is
/// sanitised here (<see cref="SiteHtml.Sanitize"/>) so that nothing else can reach the column.</summary>
public sealed class ArticleRepository(NpgsqlDataSource dataSource)
{
    // Two creates of one title race for one derived slug; the loser's unique violation makes it count again. Ten rounds
    // are far more than concurrent editors of one title will ever need.
    private const int SlugAttempts = 10;

    /// <summary>The article with this slug, or null; drafts and archived ones only when <paramref name="includeUnpublished"/>.</summary>
    public async Task<Article?> FindAsync(string slug, bool includeUnpublished, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<ArticleRow>(new CommandDefinition(
            $"{ArticleRows.WithContent()} WHERE a.slug = @slug AND (@includeUnpublished OR a.status = 'published')",
            new { slug, includeUnpublished }, cancellationToken: cancellationToken));
        return row?.ToArticle();
    }

    /// <summary>One page of the articles <paramref name="filter"/> matches (see <see cref="ArticleSearch"/>).</summary>
    public Task<PagedList<ArticleSummary>> ListAsync(ArticleFilter filter, PageQuery page, CancellationToken cancellationToken) =>
        ArticleSearch.ListAsync(dataSource, filter, page, cancellationToken);

    /// <summary>Stores a new article by <paramref name="authorId"/>. The slug: the given one (taken:
    /// <see cref="ArticleWriteFailure.SlugTaken"/>), else <see cref="ArticleRules.BaseSlug(string, Guid)"/> of the title made
    /// unique in the INSERT itself with <c>-2</c>, <c>-3</c>… (one more than the largest suffix in use).</summary>
    public async Task<ArticleWrite> CreateAsync(ArticleRequest request, Guid authorId, CancellationToken cancellationToken)
    {
        var id = Guid.CreateVersion7();
        var (content, contentText) = ArticleContent.Prepare(request.Content!);
        var status = request.Status ?? ArticleStatuses.Draft;
        var parameters = new
        {
            Id = id,
            Slug = request.Slug ?? ArticleRules.BaseSlug(request.Title!.Trim(), id),
            Derive = request.Slug is null,
            Title = request.Title!.Trim(),
            Excerpt = string.IsNullOrWhiteSpace(request.Excerpt) ? ArticleRules.GenerateExcerpt(contentText) : request.Excerpt.Trim(),
            Content = content,
            ContentText = contentText,
            Status = status,
            request.CategoryId,
            AuthorId = authorId,
            request.FeaturedImage,
        };
        for (var attempt = 1; ; attempt++)
        {
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
            try
            {
                await connection.ExecuteAsync(new CommandDefinition(
                    """
                    INSERT INTO articles (id, slug, title, excerpt, content, content_text, status, category_id, author_id,
                                          featured_image, published_at)
                    SELECT @Id,
                           CASE WHEN NOT @Derive OR NOT EXISTS (SELECT 1 FROM articles WHERE slug = @Slug) THEN @Slug
                                ELSE @Slug || '-' || (SELECT coalesce(max(substring(slug FROM length(@Slug) + 2)::bigint), 1) + 1
                                                      FROM articles WHERE slug ~ ('^' || @Slug || '-[0-9]{1,9}$'))
                           END,
                           @Title, @Excerpt, @Content, @ContentText, @Status, @CategoryId, @AuthorId, @FeaturedImage,
                           CASE WHEN @Status = 'published' THEN now() END
                    """, parameters, cancellationToken: cancellationToken));
                return new ArticleWrite(await FindByIdAsync(connection, id, cancellationToken), ArticleWriteFailure.None);
            }
            catch (PostgresException ex) when (CatalogErrors.IsUniqueViolation(ex) && parameters.Derive && attempt < SlugAttempts)
            {
                // Another create took the same slug between our count and our insert: count again.
            }
            catch (PostgresException ex) when (CatalogErrors.IsUniqueViolation(ex))
            {
                return ArticleWrite.Failed(ArticleWriteFailure.SlugTaken);
            }
            catch (PostgresException ex) when (CatalogErrors.IsReferenced(ex) && ex.ConstraintName == "articles_category_id_fkey")
            {
                return ArticleWrite.Failed(ArticleWriteFailure.UnknownCategory);
            }
        }
    }

    /// <summary>Lays <paramref name="patch"/> over the article with this slug (absent fields keep their value) on behalf of
    /// <paramref name="writer"/>: <see cref="ArticleWriteFailure.NotFound"/>, <see cref="ArticleWriteFailure.NotAuthor"/>
    /// (an editor, another author's article), <see cref="ArticleWriteFailure.SlugTaken"/> or
    /// <see cref="ArticleWriteFailure.UnknownCategory"/>. A generated excerpt follows new content; an author's excerpt
    /// stays. <c>publishedAt</c> is set on the first publish and kept after.</summary>
    public async Task<ArticleWrite> UpdateAsync(string slug, ArticleRequest patch, ArticleWriter writer, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var current = await connection.QuerySingleOrDefaultAsync<ArticleRow>(new CommandDefinition(
            $"{ArticleRows.WithContent(withText: true)} WHERE a.slug = @slug", new { slug }, cancellationToken: cancellationToken));
        if (current is null)
        {
            return ArticleWrite.Failed(ArticleWriteFailure.NotFound);
        }
        if (!writer.IsAdmin && current.AuthorId != writer.UserId)
        {
            return ArticleWrite.Failed(ArticleWriteFailure.NotAuthor);
        }
        var (content, contentText) = patch.Content is null ? (current.Content!, current.ContentText!) : ArticleContent.Prepare(patch.Content);
        // The stored excerpt was generated when it is what generation gives for the stored text: then it follows the text.
        var generated = current.Excerpt == ArticleRules.GenerateExcerpt(current.ContentText!);
        var excerpt = patch.Excerpt is { } given && !string.IsNullOrWhiteSpace(given) ? given.Trim()
            : patch.Excerpt is not null || generated ? ArticleRules.GenerateExcerpt(contentText)
            : current.Excerpt;
        try
        {
            await connection.ExecuteAsync(new CommandDefinition(
                """
                UPDATE articles
                SET slug = @Slug, title = @Title, excerpt = @Excerpt, content = @Content, content_text = @ContentText,
                    status = @Status, category_id = @CategoryId, featured_image = @FeaturedImage,
                    published_at = coalesce(published_at, CASE WHEN @Status = 'published' THEN now() END), updated_at = now()
                WHERE id = @Id
                """,
                new
                {
                    current.Id,
                    Slug = patch.Slug ?? current.Slug,
                    Title = patch.Title?.Trim() ?? current.Title,
                    Excerpt = excerpt,
                    Content = content,
                    ContentText = contentText,
                    Status = patch.Status ?? current.Status,
                    CategoryId = patch.CategoryId ?? current.CategoryId,
                    FeaturedImage = patch.FeaturedImage ?? current.FeaturedImage,
                }, cancellationToken: cancellationToken));
        }
        catch (PostgresException ex) when (CatalogErrors.IsUniqueViolation(ex))
        {
            return ArticleWrite.Failed(ArticleWriteFailure.SlugTaken);
        }
        catch (PostgresException ex) when (CatalogErrors.IsReferenced(ex))
        {
            return ArticleWrite.Failed(ArticleWriteFailure.UnknownCategory);
        }
        return new ArticleWrite(await FindByIdAsync(connection, current.Id, cancellationToken), ArticleWriteFailure.None);
    }

    /// <summary>Archives the article with this slug (already archived: no change); false when there is none.</summary>
    public async Task<bool> ArchiveAsync(string slug, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE articles SET status = 'archived', updated_at = CASE WHEN status = 'archived' THEN updated_at ELSE now() END
            WHERE slug = @slug
            """, new { slug }, cancellationToken: cancellationToken)) == 1;
    }

    private static async Task<Article> FindByIdAsync(NpgsqlConnection connection, Guid id, CancellationToken cancellationToken) =>
        (await connection.QuerySingleAsync<ArticleRow>(new CommandDefinition(
            $"{ArticleRows.WithContent()} WHERE a.id = @id", new { id }, cancellationToken: cancellationToken))).ToArticle();
}
