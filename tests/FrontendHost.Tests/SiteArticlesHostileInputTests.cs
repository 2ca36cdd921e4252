using System.Text;
using OrleansRides.Tests.Shared;
using static OrleansRides.FrontendHost.Tests.Accounts;
using static OrleansRides.FrontendHost.Tests.CatalogCalls;
using static OrleansRides.FrontendHost.Tests.HostileTables;
using static OrleansRides.FrontendHost.Tests.SiteArticleCalls;

namespace OrleansRides.FrontendHost.Tests;

/// <summary>Issue 10: a hostile-input table per article and category endpoint — malformed JSON, wrong types, oversize and
/// control-character text in every field (U+0000, U+001B, U+202E), unknown ids, out-of-range paging, injection-shaped
/// search text. Each answer is the typed 4xx (or the success) in the table; never a 5xx.</summary>
[Collection(FrontendCollection.Name)]
public sealed class SiteArticlesHostileInputTests(TestDatabase database) : FrontendTest(database, Frontend())
{
    private static readonly string Unknown = Guid.NewGuid().ToString();
    private Task AssertOutcomesAsync(HttpMethod method, string? token, params (string Path, string? Json, string Expected)[] cases) =>
        HostileTables.AssertOutcomesAsync(Client, method, token, cases);

    private static string ArticleWith(string field, string value) => field switch
    {
        "title" => $$"""{"title":"{{value}}","content":"<p>Isi yang cukup panjang</p>"}""",
        "content" => $$"""{"title":"Judul berita","content":"{{value}}"}""",
        _ => $$"""{"title":"Judul berita","content":"<p>Isi yang cukup panjang</p>","{{field}}":"{{value}}"}""",
    };

    [Fact]
    public async Task Creating_articles()
    {
        var editor = await WithRoleAsync(Client, "editor");
        var taken = (await CreateArticleAsync(Client, editor)).GetProperty("slug").GetString();
        await AssertOutcomesAsync(HttpMethod.Post, editor,
        [
            ("/api/v1/articles", """{"title":""", "400 MALFORMED_JSON title"),
            // The JSON path of the whole body is the root: the problem names the empty field.
            ("/api/v1/articles", "[]", "400 MALFORMED_JSON "),
            ("/api/v1/articles", """{"title":5,"content":"<p>Isi yang cukup panjang</p>"}""", "400 MALFORMED_JSON title"),
            ("/api/v1/articles", ArticleWith("categoryId", "sport"), "400 MALFORMED_JSON categoryId"),
            ("/api/v1/articles", ArticleWith("categoryId", Unknown), "400 VALIDATION_FAILED categoryId"),
            ("/api/v1/articles", """{"content":"<p>Isi yang cukup panjang</p>"}""", "400 VALIDATION_FAILED title"),
            ("/api/v1/articles", """{"title":"Judul berita"}""", "400 VALIDATION_FAILED content"),
            ("/api/v1/articles", ArticleWith("title", "Abcd"), "400 VALIDATION_FAILED title"),
            ("/api/v1/articles", ArticleWith("title", new string('t', 501)), "400 VALIDATION_FAILED title"),
            ("/api/v1/articles", ArticleWith("content", "<p>short"), "400 VALIDATION_FAILED content"),
            ("/api/v1/articles", ArticleWith("content", "<script>alert(1)</script>"), "400 VALIDATION_FAILED content"),
            ("/api/v1/articles", ArticleWith("content", new string('x', 200_001)), "400 VALIDATION_FAILED content"),
            ("/api/v1/articles", ArticleWith("excerpt", new string('e', 501)), "400 VALIDATION_FAILED excerpt"),
            ("/api/v1/articles", ArticleWith("slug", "Bad Slug"), "400 VALIDATION_FAILED slug"),
            ("/api/v1/articles", ArticleWith("slug", taken!), "409 SLUG_TAKEN"),
            ("/api/v1/articles", ArticleWith("status", "archived"), "400 VALIDATION_FAILED status"),
            ("/api/v1/articles", ArticleWith("featuredImage", "javascript:alert(1)"), "400 VALIDATION_FAILED featuredImage"),
            ("/api/v1/articles", ArticleWith("featuredImage", "https://example.org/" + new string('a', 2040)), "400 VALIDATION_FAILED featuredImage"),
            ("/api/v1/articles", ArticleWith("featuredImage", "/api/v1/gallery/../admin/image"), "400 VALIDATION_FAILED featuredImage"),
            .. ControlCharacterCases("/api/v1/articles", (field, c) => ArticleWith(field, field == "slug" ? $"a{c}" : $"Teks yang cukup panjang {c}"),
                "title", "content", "excerpt", "slug", "featuredImage", "status"),
            ("/api/v1/articles", ArticleWith("title", "'; DROP TABLE articles; --"), "201"),
        ]);
    }

    [Fact]
    public async Task A_body_that_is_not_json_is_refused_with_415()
    {
        var editor = await WithRoleAsync(Client, "editor");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/articles") { Content = new StringContent("title=x", Encoding.UTF8, "text/plain") };
        request.Headers.Authorization = new("Bearer", editor);

        Assert.Equal("415 UNSUPPORTED_MEDIA_TYPE", await OutcomeAsync(await Client.SendAsync(request)));
    }

    [Fact]
    public async Task Updating_previewing_and_archiving_articles()
    {
        var editor = await WithRoleAsync(Client, "editor");
        var admin = await AdminTokenAsync(Client);
        var slug = (await CreateArticleAsync(Client, editor)).GetProperty("slug").GetString();
        var path = $"/api/v1/articles/{slug}";
        await AssertOutcomesAsync(HttpMethod.Put, editor,
        [
            ($"/api/v1/articles/missing-{Guid.NewGuid():N}", """{"title":"Judul baru"}""", "404 ARTICLE_NOT_FOUND"),
            (path, """{"title":[1]}""", "400 MALFORMED_JSON title"),
            (path, """{"status":"archived"}""", "400 VALIDATION_FAILED status"),
            (path, $$"""{"categoryId":"{{Unknown}}"}""", "400 VALIDATION_FAILED categoryId"),
            .. ControlCharacterCases(path, (field, c) => $$"""{"{{field}}":"Teks yang cukup panjang {{c}}"}""", "title", "content", "excerpt", "featuredImage"),
            (path, "{}", "200"),
        ]);
        await AssertOutcomesAsync(HttpMethod.Post, editor,
        [
            ("/api/v1/articles/preview", "{}", "400 VALIDATION_FAILED content"),
            ("/api/v1/articles/preview", """{"content":7}""", "400 MALFORMED_JSON content"),
            .. ControlCharacterCases("/api/v1/articles/preview", (field, c) => $$"""{"content":"<p>x{{c}}</p>"}""", "content"),
        ]);
        await AssertOutcomesAsync(HttpMethod.Delete, admin, ($"/api/v1/articles/missing-{Guid.NewGuid():N}", null, "404 ARTICLE_NOT_FOUND"));
    }

    [Fact]
    public async Task Listing_articles()
    {
        await AssertOutcomesAsync(HttpMethod.Get, null,
        [
            ("/api/v1/articles?page=0", null, "400 VALIDATION_FAILED page"),
            ("/api/v1/articles?limit=0", null, "400 VALIDATION_FAILED limit"),
            ("/api/v1/articles?limit=51", null, "400 VALIDATION_FAILED limit"),
            ("/api/v1/articles?limit=50", null, "200"),
            ("/api/v1/articles?page=2147483647&limit=50", null, "200"),
            ("/api/v1/articles?page=2147483648", null, "400 BAD_REQUEST"),
            ("/api/v1/articles?limit=many", null, "400 BAD_REQUEST"),
            ("/api/v1/articles?author=someone", null, "400 BAD_REQUEST"),
            ($"/api/v1/articles?author={Unknown}", null, "200"),
            ("/api/v1/articles?status=everything", null, "400 VALIDATION_FAILED status"),
            ("/api/v1/articles?status=archived", null, "403 STATUS_FOR_STAFF_ONLY"),
            ("/api/v1/articles?status=published", null, "200"),
            ("/api/v1/articles?sortBy=password_hash", null, "400 VALIDATION_FAILED sortBy"),
            ("/api/v1/articles?sortOrder=sideways", null, "400 VALIDATION_FAILED sortOrder"),
            ("/api/v1/articles?sortBy=title&sortOrder=asc", null, "200"),
            ($"/api/v1/articles?search={new string('q', 101)}", null, "400 VALIDATION_FAILED search"),
            ("/api/v1/articles?search=%00x", null, "400 VALIDATION_FAILED search"),
            ("/api/v1/articles?search=%1Bx", null, "400 VALIDATION_FAILED search"),
            ("/api/v1/articles?search=%E2%80%AEx", null, "400 VALIDATION_FAILED search"),
            ("/api/v1/articles?category=%00", null, "400 VALIDATION_FAILED category"),
            ($"/api/v1/articles?search={Uri.EscapeDataString("'; DROP TABLE articles; -- &|!():*\"")}", null, "200"),
            ($"/api/v1/articles?search={Uri.EscapeDataString(string.Concat(Enumerable.Repeat("&|!():*\"'-", 10)))}", null, "200"),
            ("/api/v1/articles?category=no-such-category", null, "200"),
            ($"/api/v1/articles/missing-{Guid.NewGuid():N}", null, "404 ARTICLE_NOT_FOUND"),
            ("/api/v1/articles/%E2%80%AE", null, "404 ARTICLE_NOT_FOUND"),
        ]);
    }

    [Fact]
    public async Task Writing_categories()
    {
        var editor = await WithRoleAsync(Client, "editor");
        var category = await CreateCategoryAsync(Client, editor);
        var inUse = await CreateCategoryAsync(Client, editor);
        await CreateArticleAsync(Client, editor, ArticleJson(extra: $$""","categoryId":"{{inUse}}" """));
        var takenSlug = $"diambil-{Guid.NewGuid():N}";
        Assert.Equal("201", await OutcomeAsync(await CallAsync(Client, HttpMethod.Post, "/api/v1/categories", editor, $$"""{"name":"Diambil","slug":"{{takenSlug}}"}""")));
        await AssertOutcomesAsync(HttpMethod.Post, editor,
        [
            ("/api/v1/categories", """{"name":""", "400 MALFORMED_JSON name"),
            ("/api/v1/categories", """{"name":true}""", "400 MALFORMED_JSON name"),
            ("/api/v1/categories", "{}", "400 VALIDATION_FAILED name"),
            ("/api/v1/categories", """{"name":"  "}""", "400 VALIDATION_FAILED name"),
            ("/api/v1/categories", $$"""{"name":"{{new string('n', 101)}}"}""", "400 VALIDATION_FAILED name"),
            ("/api/v1/categories", $$"""{"name":"Oke","description":"{{new string('d', 501)}}"}""", "400 VALIDATION_FAILED description"),
            ("/api/v1/categories", """{"name":"Oke","slug":"Not OK"}""", "400 VALIDATION_FAILED slug"),
            ("/api/v1/categories", $$"""{"name":"Oke","slug":"{{takenSlug}}"}""", "409 SLUG_TAKEN"),
            .. ControlCharacterCases("/api/v1/categories", (field, c) => $$"""{"name":"Oke","{{field}}":"x{{c}}"}""", "name", "slug", "description"),
            ("/api/v1/categories", """{"name":"أخبار"}""", "201"),
        ]);
        await AssertOutcomesAsync(HttpMethod.Put, editor,
        [
            ($"/api/v1/categories/{Unknown}", """{"name":"Baru"}""", "404 CATEGORY_NOT_FOUND"),
            ($"/api/v1/categories/{category}", $$"""{"slug":"{{takenSlug}}"}""", "409 SLUG_TAKEN"),
            .. ControlCharacterCases($"/api/v1/categories/{category}", (field, c) => $$"""{"{{field}}":"x{{c}}"}""", "name", "slug", "description"),
        ]);
        await AssertOutcomesAsync(HttpMethod.Delete, editor,
        [
            ($"/api/v1/categories/{Unknown}", null, "404 CATEGORY_NOT_FOUND"),
            ($"/api/v1/categories/{inUse}", null, "409 CATEGORY_IN_USE"),
        ]);
    }
}
