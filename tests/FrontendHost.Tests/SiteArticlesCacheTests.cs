using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using OrleansRides.Tests.Shared;
using static OrleansRides.FrontendHost.Tests.Accounts;
using static OrleansRides.FrontendHost.Tests.CatalogCalls;
using static OrleansRides.FrontendHost.Tests.SiteArticleCalls;

namespace OrleansRides.FrontendHost.Tests;

/// <summary>Issue 10: anonymous article reads come from the output cache, writes evict it at once, and staff (who send a
/// token) always read the database.</summary>
[Collection(FrontendCollection.Name)]
public sealed class SiteArticlesCacheTests(TestDatabase database) : FrontendTest(database, Frontend())
{
    [Fact]
    public async Task A_cached_list_shows_a_newly_published_article_at_once()
    {
        var editor = await WithRoleAsync(Client, "editor");
        var first = await CreateArticleAsync(Client, editor, ArticleJson("published"));
        var author = first.GetProperty("author").GetProperty("id").GetGuid();
        var list = $"/api/v1/articles?author={author}";
        Assert.Equal([first.GetProperty("slug").GetString()!], await SlugsAsync(await Client.GetAsync(list)));

        // A row written behind the API's back is not seen: the anonymous list is served from the cache.
        var hidden = $"hidden-{Guid.NewGuid():N}";
        await using (var connection = await Database.DataSource.OpenConnectionAsync())
        {
            await connection.ExecuteAsync(
                """
                INSERT INTO articles (id, slug, title, excerpt, content, content_text, status, author_id, published_at)
                VALUES (@id, @hidden, 'Ditulis langsung', 'x', '<p>x</p>', 'x', 'published', @author, now() - interval '1 day')
                """, new { id = Guid.NewGuid(), hidden, author });
        }
        Assert.Equal([first.GetProperty("slug").GetString()!], await SlugsAsync(await Client.GetAsync(list)));

        var second = await CreateArticleAsync(Client, editor, ArticleJson("published"));

        Assert.Equal([second.GetProperty("slug").GetString()!, first.GetProperty("slug").GetString()!, hidden],
            await SlugsAsync(await Client.GetAsync(list)));
    }

    [Fact]
    public async Task Staff_see_a_draft_and_its_changes_at_once_while_anonymous_readers_do_not()
    {
        var editor = await WithRoleAsync(Client, "editor");
        var published = await CreateArticleAsync(Client, editor, ArticleJson("published"));
        var author = published.GetProperty("author").GetProperty("id").GetGuid();
        var list = $"/api/v1/articles?author={author}";
        await SlugsAsync(await Client.GetAsync(list));

        var draft = await CreateArticleAsync(Client, editor);

        Assert.Equal([published.GetProperty("slug").GetString()!], await SlugsAsync(await Client.GetAsync(list)));
        // Published first, the never-published draft last (the default order, published_at with nulls last).
        Assert.Equal([published.GetProperty("slug").GetString()!, draft.GetProperty("slug").GetString()!],
            await SlugsAsync(await CallAsync(Client, HttpMethod.Get, list, editor)));
    }

    [Fact]
    public async Task A_cached_article_shows_its_edit_at_once()
    {
        var editor = await WithRoleAsync(Client, "editor");
        var slug = (await CreateArticleAsync(Client, editor, ArticleJson("published"))).GetProperty("slug").GetString();
        await Client.GetAsync($"/api/v1/articles/{slug}");

        Assert.Equal("200", await OutcomeAsync(await CallAsync(Client, HttpMethod.Put, $"/api/v1/articles/{slug}", editor, """{"title":"Judul yang baru"}""")));

        var article = (await Client.GetFromJsonAsync<JsonElement>($"/api/v1/articles/{slug}")).GetProperty("data");
        Assert.Equal("Judul yang baru", article.GetProperty("title").GetString());
    }
}
