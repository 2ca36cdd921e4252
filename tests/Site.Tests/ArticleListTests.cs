using OrleansRides.Site.Articles;
using OrleansRides.Tests.Shared;
using static OrleansRides.Site.Tests.SiteRows;

namespace OrleansRides.Site.Tests;

/// <summary>Issue 10: article lists — filters, sort orders, page edges — and full-text search: ranking (title above excerpt
/// above content), the Indonesian stemmer, and hostile search text. Each test lists its own author's articles only.</summary>
[Collection(SiteCollection.Name)]
public sealed class ArticleListTests(TestDatabase database)
{
    private readonly ArticleRepository _articles = new(database.DataSource);

    private static ArticleFilter ByAuthor(Guid author, string? status = null, string? sortBy = null, bool descending = true,
        string? search = null, string? category = null) => new(status, category, search, author, sortBy, descending);

    private async Task<IReadOnlyList<string>> TitlesAsync(ArticleFilter filter, int page = 1, int limit = 50) =>
        (await _articles.ListAsync(filter, new PageQuery(page, limit), CancellationToken.None)).Items.Select(a => a.Title).ToList();

    [Fact]
    public async Task Pages_beyond_the_end_are_empty_with_the_true_total()
    {
        var author = await AuthorAsync(database.DataSource);
        for (var i = 0; i < 3; i++)
        {
            await CreateAsync(_articles, Request(UniqueTitle()), author);
        }

        var second = await _articles.ListAsync(ByAuthor(author), new PageQuery(2, 2), CancellationToken.None);
        var beyond = await _articles.ListAsync(ByAuthor(author), new PageQuery(9, 2), CancellationToken.None);
        var huge = await _articles.ListAsync(ByAuthor(author), new PageQuery(int.MaxValue, 50), CancellationToken.None);

        Assert.Equal((1, new NumberedPagination(2, 2, 3, 2, false, true)), (second.Items.Count, second.Pagination));
        Assert.Equal((0, new NumberedPagination(9, 2, 3, 2, false, true)), (beyond.Items.Count, beyond.Pagination));
        Assert.Empty(huge.Items);
    }

    [Fact]
    public async Task Sort_orders_and_status_and_category_filters()
    {
        var author = await AuthorAsync(database.DataSource);
        var category = await CategoryAsync(database.DataSource);
        await CreateAsync(_articles, Request("Bravo artikel", status: "published"), author);
        await CreateAsync(_articles, Request("alfa artikel", status: "draft", categoryId: category.Id), author);
        await CreateAsync(_articles, Request("Charlie artikel", status: "published", categoryId: category.Id), author);

        Assert.Equal(["alfa artikel", "Bravo artikel", "Charlie artikel"], await TitlesAsync(ByAuthor(author, sortBy: "title", descending: false)));
        Assert.Equal(["Charlie artikel", "Bravo artikel", "alfa artikel"], await TitlesAsync(ByAuthor(author, sortBy: "title")));
        Assert.Equal(["Charlie artikel", "alfa artikel", "Bravo artikel"], await TitlesAsync(ByAuthor(author, sortBy: "created_at")));
        Assert.Equal(["Bravo artikel", "alfa artikel", "Charlie artikel"], await TitlesAsync(ByAuthor(author, sortBy: "created_at", descending: false)));
        // Published first (newest first), the never-published draft last.
        Assert.Equal(["Charlie artikel", "Bravo artikel", "alfa artikel"], await TitlesAsync(ByAuthor(author)));
        Assert.Equal(["Bravo artikel", "Charlie artikel", "alfa artikel"], await TitlesAsync(ByAuthor(author, descending: false)));
        Assert.Equal(["Charlie artikel", "Bravo artikel"], await TitlesAsync(ByAuthor(author, status: "published")));
        Assert.Equal(["Charlie artikel", "alfa artikel"], await TitlesAsync(ByAuthor(author, category: category.Slug)));
        Assert.Equal(1, (await new Site.Categories.CategoryRepository(database.DataSource).FindAsync(category.Id, CancellationToken.None))!.ArticleCount);
    }

    [Fact]
    public async Task Search_ranks_a_title_match_above_an_excerpt_match_above_a_content_match()
    {
        var author = await AuthorAsync(database.DataSource);
        var word = $"zq{Guid.NewGuid():N}"[..12];
        await CreateAsync(_articles, Request("Isi saja yang cocok", $"<p>Di sini ada kata {word} di dalam isi.</p>", excerpt: "Ringkasan biasa"), author);
        await CreateAsync(_articles, Request($"Judul {word} cocok"), author);
        await CreateAsync(_articles, Request("Ringkasan yang cocok", excerpt: $"Ringkasan dengan {word}"), author);
        await CreateAsync(_articles, Request("Tidak cocok sama sekali"), author);

        Assert.Equal(["Judul " + word + " cocok", "Ringkasan yang cocok", "Isi saja yang cocok"],
            await TitlesAsync(ByAuthor(author, search: word)));
    }

    [Fact]
    public async Task The_Indonesian_stemmer_finds_bermain_by_main_and_pelayanan_by_layanan()
    {
        // What PostgreSQL's indonesian (Snowball) configuration does, checked with to_tsvector first: bermain, permainan
        // → main; pelayanan, layanan → layan; mendengarkan, pendengar → dengar.
        var author = await AuthorAsync(database.DataSource);
        await CreateAsync(_articles, Request("Anak-anak bermain di taman kota"), author);
        await CreateAsync(_articles, Request("Pelayanan pendengar radio diperluas"), author);
        await CreateAsync(_articles, Request("Mendengarkan siaran malam"), author);

        Assert.Equal(["Anak-anak bermain di taman kota"], await TitlesAsync(ByAuthor(author, search: "permainan")));
        Assert.Equal(["Pelayanan pendengar radio diperluas"], await TitlesAsync(ByAuthor(author, search: "layanan")));
        // pendengar (a listener) stems to dengar too.
        Assert.Equal(["Mendengarkan siaran malam", "Pelayanan pendengar radio diperluas"], await TitlesAsync(ByAuthor(author, search: "dengar")));
    }

    [Theory]
    [InlineData("&|!():*")]
    [InlineData("\"unbalanced quote")]
    [InlineData("'; DROP TABLE articles; --")]
    [InlineData("a & b | !c <-> d:* (e")]
    [InlineData("-")]
    [InlineData("or")]
    [InlineData("\\x00 %_ \\")]
    [InlineData("yang dan di")]
    public async Task Hostile_search_text_never_fails(string search)
    {
        var author = await AuthorAsync(database.DataSource);
        await CreateAsync(_articles, Request("Artikel biasa untuk dicari"), author);

        var list = await _articles.ListAsync(ByAuthor(author, search: search), new PageQuery(1, 10), CancellationToken.None);

        Assert.True(list.Pagination.Total <= 1);
    }

    [Fact]
    public async Task A_hundred_character_search_with_every_operator_never_fails()
    {
        var search = string.Concat(Enumerable.Repeat("&|!():*\"'-", 10));

        var list = await _articles.ListAsync(new ArticleFilter(null, null, search, null, null, true), new PageQuery(1, 10), CancellationToken.None);

        Assert.Equal(100, search.Length);
        Assert.NotNull(list);
    }
}
