using OrleansRides.Runtime.Storage;

namespace OrleansRides.Site.Articles;

/// <summary>The SELECT every article read shares and the row it reads (Npgsql reads timestamptz as UTC <see cref="DateTime"/>).</summary>
internal static class ArticleRows
{
    /// <summary>Columns and joins; <c>{0}</c> is the content column or NULL, so that lists do not carry the HTML.</summary>
    public const string Select = """
        SELECT a.id AS Id, a.slug AS Slug, a.title AS Title, a.excerpt AS Excerpt, a.status AS Status,
               a.featured_image AS FeaturedImage, a.published_at AS PublishedAt, a.created_at AS CreatedAt,
               a.updated_at AS UpdatedAt, a.author_id AS AuthorId, u.name AS AuthorName,
               c.id AS CategoryId, c.name AS CategoryName, c.slug AS CategorySlug, {0} AS Content, {1} AS ContentText
        FROM articles a
        JOIN users u ON u.id = a.author_id
        LEFT JOIN categories c ON c.id = a.category_id
        """;

    /// <summary><see cref="Select"/> with content (and content text when <paramref name="withText"/>).</summary>
    public static string WithContent(bool withText = false) => string.Format(System.Globalization.CultureInfo.InvariantCulture, Select, "a.content", withText ? "a.content_text" : "NULL::text");

    /// <summary><see cref="Select"/> without content.</summary>
    public static readonly string Summaries = string.Format(System.Globalization.CultureInfo.InvariantCulture, Select, "NULL::text", "NULL::text");
}

/// <summary>One row of <see cref="ArticleRows.Select"/>.</summary>
internal sealed record ArticleRow(
    Guid Id, string Slug, string Title, string Excerpt, string Status, string? FeaturedImage, DateTime? PublishedAt,
    DateTime CreatedAt, DateTime UpdatedAt, Guid AuthorId, string AuthorName, Guid? CategoryId, string? CategoryName,
    string? CategorySlug, string? Content, string? ContentText)
{
    public ArticleSummary ToSummary() => new(
        Id, Slug, Title, Excerpt, Status, FeaturedImage, PublishedAt is { } published ? PostgresTime.Utc(published) : null,
        PostgresTime.Utc(CreatedAt), PostgresTime.Utc(UpdatedAt), new ArticleAuthor(AuthorId, AuthorName),
        CategoryId is { } category ? new ArticleCategory(category, CategoryName!, CategorySlug!) : null);

    public Article ToArticle()
    {
        var s = ToSummary();
        return new Article(s.Id, s.Slug, s.Title, s.Excerpt, s.Status, s.FeaturedImage, s.PublishedAt, s.CreatedAt, s.UpdatedAt,
            s.Author, s.Category, Content ?? "");
    }
}
