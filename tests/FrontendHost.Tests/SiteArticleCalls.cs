using System.Net.Http.Json;
using System.Text.Json;
using static OrleansRides.FrontendHost.Tests.CatalogCalls;

namespace OrleansRides.FrontendHost.Tests;

/// <summary>Article and category requests for the site HTTP tests.</summary>
internal static class SiteArticleCalls
{
    /// <summary>A valid article body with a unique title.</summary>
    public static string ArticleJson(string status = "draft", string extra = "") =>
        $$"""{"title":"Berita {{Guid.NewGuid():N}}","content":"<p>Isi berita yang cukup panjang.</p>","status":"{{status}}"{{extra}}}""";

    /// <summary>Creates an article as <paramref name="token"/> and returns its <c>data</c>.</summary>
    public static async Task<JsonElement> CreateArticleAsync(HttpClient client, string token, string? json = null)
    {
        var response = await CallAsync(client, HttpMethod.Post, "/api/v1/articles", token, json ?? ArticleJson());
        Assert.Equal(System.Net.HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("data");
    }

    /// <summary>Creates a category as <paramref name="token"/> and returns its id.</summary>
    public static async Task<Guid> CreateCategoryAsync(HttpClient client, string token)
    {
        var response = await CallAsync(client, HttpMethod.Post, "/api/v1/categories", token, $$"""{"name":"Kategori {{Guid.NewGuid():N}}"}""");
        Assert.Equal(System.Net.HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("data").GetProperty("id").GetGuid();
    }

    /// <summary>The slugs of a list answer's <c>data</c>.</summary>
    public static async Task<string[]> SlugsAsync(HttpResponseMessage response)
    {
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        var data = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("data");
        return data.EnumerateArray().Select(a => a.GetProperty("slug").GetString()!).ToArray();
    }
}
