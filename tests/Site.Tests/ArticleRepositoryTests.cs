using OrleansRides.Site.Articles;
using OrleansRides.Tests.Shared;
using static OrleansRides.Site.Tests.SiteRows;

namespace OrleansRides.Site.Tests;

/// <summary>Issue 10: articles stored and read through <see cref="ArticleRepository"/> on real PostgreSQL — slugs (derived,
/// transliterated, never empty, unique with -2, -3… even when two creates race), sanitised content, excerpts, status and
/// <c>publishedAt</c>, authorship.</summary>
[Collection(SiteCollection.Name)]
public sealed class ArticleRepositoryTests(TestDatabase database)
{
    private readonly ArticleRepository _articles = new(database.DataSource);

    [Fact]
    public async Task Slugs_are_derived_from_the_title_with_Latin_accents_transliterated()
    {
        var author = await AuthorAsync(database.DataSource);
        var tag = Guid.NewGuid().ToString("N")[..8];

        var article = await CreateAsync(_articles, Request($"Café Pagi — Überraschung Ñ {tag}!"), author);

        Assert.Equal($"cafe-pagi-uberraschung-n-{tag}", article.Slug);
    }

    [Theory]
    [InlineData("أخبار الإذاعة اليوم")]
    [InlineData("电台新闻节目今天")]
    [InlineData("!!! ??? ...")]
    public async Task A_title_with_nothing_usable_still_gets_a_slug(string title)
    {
        var author = await AuthorAsync(database.DataSource);

        var article = await CreateAsync(_articles, Request(title), author);

        Assert.Matches("^article-[0-9a-f]{8}$", article.Slug);
    }

    [Fact]
    public async Task The_same_title_gets_numbered_slugs()
    {
        var author = await AuthorAsync(database.DataSource);
        var title = UniqueTitle("Sama");

        var slugs = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            slugs.Add((await CreateAsync(_articles, Request(title), author)).Slug);
        }

        var slug = title.ToLowerInvariant().Replace(' ', '-');
        Assert.Equal([slug, $"{slug}-2", $"{slug}-3", $"{slug}-4"], slugs);
    }

    [Fact]
    public async Task Concurrent_creates_of_one_title_all_succeed_with_different_slugs()
    {
        var author = await AuthorAsync(database.DataSource);
        var title = UniqueTitle("Balapan");

        var writes = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => _articles.CreateAsync(Request(title), author, CancellationToken.None))));

        Assert.All(writes, w => Assert.Equal(ArticleWriteFailure.None, w.Failure));
        var slug = title.ToLowerInvariant().Replace(' ', '-');
        Assert.Equal([slug, .. Enumerable.Range(2, 7).Select(n => $"{slug}-{n}")], writes.Select(w => w.Article!.Slug).Order(StringComparer.Ordinal).OrderBy(s => s.Length));
    }

    [Fact]
    public async Task A_given_slug_that_is_taken_is_refused_and_a_free_one_is_kept()
    {
        var author = await AuthorAsync(database.DataSource);
        var slug = $"diberikan-{Guid.NewGuid():N}";

        var first = await CreateAsync(_articles, Request(UniqueTitle(), slug: slug), author);
        var second = await _articles.CreateAsync(Request(UniqueTitle(), slug: slug), author, CancellationToken.None);

        Assert.Equal(slug, first.Slug);
        Assert.Equal(ArticleWriteFailure.SlugTaken, second.Failure);
    }

    [Fact]
    public async Task An_unknown_category_is_refused()
    {
        var author = await AuthorAsync(database.DataSource);

        var write = await _articles.CreateAsync(Request(UniqueTitle(), categoryId: Guid.NewGuid()), author, CancellationToken.None);

        Assert.Equal(ArticleWriteFailure.UnknownCategory, write.Failure);
    }

    [Fact]
    public async Task Content_is_stored_sanitised_and_the_excerpt_is_cut_from_its_text()
    {
        var author = await AuthorAsync(database.DataSource);
        var words = string.Join(' ', Enumerable.Repeat("kata", 100));

        var article = await CreateAsync(_articles, Request(UniqueTitle(), $"<p onclick=\"x()\">{words}<script>alert(1)</script></p>"), author);

        Assert.Equal($"<p>{words}</p>", article.Content);
        Assert.EndsWith("kata…", article.Excerpt, StringComparison.Ordinal);
        Assert.True(article.Excerpt.Length <= ArticleRules.GeneratedExcerptLength);
    }

    [Fact]
    public async Task A_generated_excerpt_follows_new_content_and_an_authors_excerpt_stays()
    {
        var author = await AuthorAsync(database.DataSource);
        var writer = new ArticleWriter(author, IsAdmin: false);
        var generated = await CreateAsync(_articles, Request(UniqueTitle()), author);
        var given = await CreateAsync(_articles, Request(UniqueTitle(), excerpt: "Ringkasan dari penulis"), author);

        var regenerated = (await _articles.UpdateAsync(generated.Slug, new(null, "<p>Isi yang baru sama sekali</p>", null, null, null, null, null), writer, CancellationToken.None)).Article!;
        var kept = (await _articles.UpdateAsync(given.Slug, new(null, "<p>Isi yang baru sama sekali</p>", null, null, null, null, null), writer, CancellationToken.None)).Article!;

        Assert.Equal("Isi yang baru sama sekali", regenerated.Excerpt);
        Assert.Equal("Ringkasan dari penulis", kept.Excerpt);
    }

    [Fact]
    public async Task PublishedAt_is_set_on_the_first_publish_and_kept_after()
    {
        var author = await AuthorAsync(database.DataSource);
        var writer = new ArticleWriter(author, IsAdmin: false);
        var draft = await CreateAsync(_articles, Request(UniqueTitle()), author);

        var published = (await _articles.UpdateAsync(draft.Slug, new(null, null, null, null, "published", null, null), writer, CancellationToken.None)).Article!;
        var unpublished = (await _articles.UpdateAsync(draft.Slug, new(null, null, null, null, "draft", null, null), writer, CancellationToken.None)).Article!;
        var republished = (await _articles.UpdateAsync(draft.Slug, new(null, null, null, null, "published", null, null), writer, CancellationToken.None)).Article!;

        Assert.Null(draft.PublishedAt);
        Assert.NotNull(published.PublishedAt);
        Assert.Equal(published.PublishedAt, unpublished.PublishedAt);
        Assert.Equal(published.PublishedAt, republished.PublishedAt);
    }

    [Fact]
    public async Task Editors_change_their_own_articles_and_admins_any()
    {
        var author = await AuthorAsync(database.DataSource);
        var other = await AuthorAsync(database.DataSource);
        var article = await CreateAsync(_articles, Request(UniqueTitle()), author);
        var patch = new ArticleRequest("Judul yang diganti", null, null, null, null, null, null);

        var byOther = await _articles.UpdateAsync(article.Slug, patch, new ArticleWriter(other, IsAdmin: false), CancellationToken.None);
        var byAdmin = await _articles.UpdateAsync(article.Slug, patch, new ArticleWriter(other, IsAdmin: true), CancellationToken.None);

        Assert.Equal(ArticleWriteFailure.NotAuthor, byOther.Failure);
        Assert.Equal(("Judul yang diganti", article.Slug), (byAdmin.Article!.Title, byAdmin.Article.Slug));
    }

    [Fact]
    public async Task Archived_and_draft_articles_are_found_only_for_staff()
    {
        var author = await AuthorAsync(database.DataSource);
        var draft = await CreateAsync(_articles, Request(UniqueTitle()), author);
        var published = await CreateAsync(_articles, Request(UniqueTitle(), status: "published"), author);

        Assert.True(await _articles.ArchiveAsync(published.Slug, CancellationToken.None));
        Assert.False(await _articles.ArchiveAsync($"missing-{Guid.NewGuid():N}", CancellationToken.None));

        Assert.Null(await _articles.FindAsync(draft.Slug, includeUnpublished: false, CancellationToken.None));
        Assert.Null(await _articles.FindAsync(published.Slug, includeUnpublished: false, CancellationToken.None));
        Assert.Equal("archived", (await _articles.FindAsync(published.Slug, includeUnpublished: true, CancellationToken.None))!.Status);
    }
}
