using OrleansRides.Tests.Shared;
using static OrleansRides.FrontendHost.Tests.Accounts;
using static OrleansRides.FrontendHost.Tests.CatalogCalls;
using static OrleansRides.FrontendHost.Tests.SiteArticleCalls;

namespace OrleansRides.FrontendHost.Tests;

/// <summary>Issue 10: who may write articles and categories. 401 anonymous, 403 FORBIDDEN for members and DJs, success for
/// editors and admins; an editor changes only their own articles (403 NOT_ARTICLE_AUTHOR), an admin any; only admins
/// archive. Drafts are for staff only.</summary>
[Collection(FrontendCollection.Name)]
public sealed class SiteArticlesPermissionTests(TestDatabase database) : FrontendTest(database, Frontend())
{
    [Fact]
    public async Task Article_and_category_writes_by_role()
    {
        var admin = await AdminTokenAsync(Client);
        var author = await WithRoleAsync(Client, "editor");
        var callers = new (string Name, string? Token)[]
        {
            ("anonymous", null), ("member", (await SignUpAsync(Client)).Token), ("penyiar", await WithRoleAsync(Client, "penyiar")),
            ("author", author), ("other editor", await WithRoleAsync(Client, "editor")), ("admin", admin),
        };
        var outcomes = new List<string>();
        foreach (var (name, token) in callers)
        {
            var slug = (await CreateArticleAsync(Client, author)).GetProperty("slug").GetString();
            var category = await CreateCategoryAsync(Client, admin);
            async Task Call(string what, HttpMethod method, string path, string? json = null) =>
                outcomes.Add($"{name} {what} {await OutcomeAsync(await CallAsync(Client, method, path, token, json))}");

            await Call("create", HttpMethod.Post, "/api/v1/articles", ArticleJson());
            await Call("update", HttpMethod.Put, $"/api/v1/articles/{slug}", """{"status":"published"}""");
            await Call("preview", HttpMethod.Post, "/api/v1/articles/preview", """{"content":"<p>x</p><script>y</script>"}""");
            await Call("archive", HttpMethod.Delete, $"/api/v1/articles/{slug}");
            await Call("create category", HttpMethod.Post, "/api/v1/categories", $$"""{"name":"K {{Guid.NewGuid():N}}"}""");
            await Call("update category", HttpMethod.Put, $"/api/v1/categories/{category}", """{"description":"Baru"}""");
            await Call("delete category", HttpMethod.Delete, $"/api/v1/categories/{category}");
            await Call("list drafts", HttpMethod.Get, "/api/v1/articles?status=draft&limit=1");
        }

        string[] Expected(string caller, string create, string update, string preview, string archive, string created, string ok, string deleted, string drafts) =>
        [
            $"{caller} create {create}", $"{caller} update {update}", $"{caller} preview {preview}", $"{caller} archive {archive}",
            $"{caller} create category {created}", $"{caller} update category {ok}", $"{caller} delete category {deleted}",
            $"{caller} list drafts {drafts}",
        ];
        const string Unauthorized = "401 UNAUTHORIZED", Forbidden = "403 FORBIDDEN", StaffOnly = "403 STATUS_FOR_STAFF_ONLY";
        Assert.Equal(
        [
            .. Expected("anonymous", Unauthorized, Unauthorized, Unauthorized, Unauthorized, Unauthorized, Unauthorized, Unauthorized, StaffOnly),
            .. Expected("member", Forbidden, Forbidden, Forbidden, Forbidden, Forbidden, Forbidden, Forbidden, StaffOnly),
            .. Expected("penyiar", Forbidden, Forbidden, Forbidden, Forbidden, Forbidden, Forbidden, Forbidden, StaffOnly),
            .. Expected("author", "201", "200", "200", Forbidden, "201", "200", "204", "200"),
            .. Expected("other editor", "201", "403 NOT_ARTICLE_AUTHOR", "200", Forbidden, "201", "200", "204", "200"),
            .. Expected("admin", "201", "200", "200", "204", "201", "200", "204", "200"),
        ], outcomes);
    }

    [Fact]
    public async Task Drafts_and_archived_articles_are_found_by_staff_only()
    {
        var editor = await WithRoleAsync(Client, "editor");
        var admin = await AdminTokenAsync(Client);
        var draft = (await CreateArticleAsync(Client, editor)).GetProperty("slug").GetString();
        var archived = (await CreateArticleAsync(Client, editor, ArticleJson("published"))).GetProperty("slug").GetString();
        Assert.Equal("204", await OutcomeAsync(await CallAsync(Client, HttpMethod.Delete, $"/api/v1/articles/{archived}", admin)));
        var member = (await SignUpAsync(Client)).Token;

        var outcomes = new List<string>();
        foreach (var (name, token) in new[] { ("anonymous", (string?)null), ("member", member), ("editor", editor) })
        {
            outcomes.Add($"{name} draft {await OutcomeAsync(await CallAsync(Client, HttpMethod.Get, $"/api/v1/articles/{draft}", token))}");
            outcomes.Add($"{name} archived {await OutcomeAsync(await CallAsync(Client, HttpMethod.Get, $"/api/v1/articles/{archived}", token))}");
        }

        Assert.Equal(
        [
            "anonymous draft 404 ARTICLE_NOT_FOUND", "anonymous archived 404 ARTICLE_NOT_FOUND",
            "member draft 404 ARTICLE_NOT_FOUND", "member archived 404 ARTICLE_NOT_FOUND",
            "editor draft 200", "editor archived 200",
        ], outcomes);
    }
}
