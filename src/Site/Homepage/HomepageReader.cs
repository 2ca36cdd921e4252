using Dapper;
using Npgsql;
using OrleansRides.Site.Announcements;
using OrleansRides.Site.Programs;

namespace OrleansRides.Site.Homepage;

/// <summary>The homepage's read model: reads the <c>articles</c> and <c>testimonials</c> tables directly (their modules own
/// the writes), the programmes through <see cref="ProgramRepository"/> and the announcements through
/// <see cref="AnnouncementRepository"/>, all at one instant of the <see cref="StationClock"/>.</summary>
public sealed class HomepageReader(NpgsqlDataSource dataSource, ProgramRepository programs, AnnouncementRepository announcements, StationClock clock)
{
    /// <summary>Articles on the homepage.</summary>
    public const int ArticleCount = 6;

    /// <summary>Testimonials on the homepage.</summary>
    public const int TestimonialCount = 6;

    /// <summary>Announcements on the homepage at most.</summary>
    public const int AnnouncementCount = 10;

    /// <summary>The homepage now, with <paramref name="liveChat"/> as given (the chat room lives in a grain).</summary>
    public async Task<Homepage> ReadAsync(LiveChat liveChat, CancellationToken cancellationToken)
    {
        var now = clock.Now;
        var schedule = await programs.ListAsync(null, cancellationToken);
        var (date, slots) = clock.Schedule.Today(schedule, now);
        var onAir = clock.Schedule.OnAirAt(schedule, now);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var articles = await connection.QueryAsync<ArticleRow>(new CommandDefinition(
            """
            SELECT a.id AS Id, a.slug AS Slug, a.title AS Title, a.excerpt AS Excerpt, a.status AS Status, a.featured_image AS FeaturedImage,
                   a.published_at AS PublishedAt, a.created_at AS CreatedAt, a.updated_at AS UpdatedAt, u.id AS AuthorId, u.name AS AuthorName,
                   c.id AS CategoryId, c.name AS CategoryName, c.slug AS CategorySlug
            FROM articles a JOIN users u ON u.id = a.author_id LEFT JOIN categories c ON c.id = a.category_id
            WHERE a.status = 'published'
            ORDER BY a.published_at DESC NULLS LAST, a.id DESC LIMIT @limit
            """, new { limit = ArticleCount }, cancellationToken: cancellationToken));
        var testimonials = await connection.QueryAsync<(Guid Id, string Name, string Text, string? Location, DateTime CreatedAt)>(new CommandDefinition(
            "SELECT id, name, text, location, created_at FROM testimonials WHERE status = 'approved' ORDER BY created_at DESC, id DESC LIMIT @limit",
            new { limit = TestimonialCount }, cancellationToken: cancellationToken));
        return new Homepage(
            articles.Select(a => a.ToArticle()).ToList(),
            new HomepageToday(date, slots),
            onAir.Now,
            onAir.Next,
            await announcements.ListCurrentAsync(now.ToDateTimeOffset(), AnnouncementCount, cancellationToken),
            testimonials.Select(t => new HomepageTestimonial(t.Id, t.Name, t.Text, t.Location, SiteTime.Utc(t.CreatedAt))).ToList(),
            liveChat);
    }

    private sealed record ArticleRow(Guid Id, string Slug, string Title, string Excerpt, string Status, string? FeaturedImage,
        DateTime? PublishedAt, DateTime CreatedAt, DateTime UpdatedAt, Guid AuthorId, string AuthorName,
        Guid? CategoryId, string? CategoryName, string? CategorySlug)
    {
        public HomepageArticle ToArticle() => new(Id, Slug, Title, Excerpt, Status, FeaturedImage,
            PublishedAt is { } published ? SiteTime.Utc(published) : null, SiteTime.Utc(CreatedAt), SiteTime.Utc(UpdatedAt),
            new HomepageAuthor(AuthorId, AuthorName),
            CategoryId is { } categoryId ? new HomepageCategory(categoryId, CategoryName!, CategorySlug!) : null);
    }
}
