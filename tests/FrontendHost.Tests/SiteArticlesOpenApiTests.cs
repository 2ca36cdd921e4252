using System.Net.Http.Json;
using System.Text.Json;

namespace OrleansRides.FrontendHost.Tests;

/// <summary>Issue 10: every article and category operation is in the OpenAPI document with each status it answers.</summary>
[Collection(FrontendCollection.Name)]
public sealed class SiteArticlesOpenApiTests
{
    [Fact]
    public async Task Every_article_and_category_operation_lists_its_statuses()
    {
        await using var factory = new FrontendFactory();
        var document = await factory.CreateClient().GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        string Statuses(string path, string method) => $"{method.ToUpperInvariant()} {path} " + string.Join(',', document.GetProperty("paths")
            .GetProperty(path).GetProperty(method).GetProperty("responses").EnumerateObject().Select(r => r.Name).Order(StringComparer.Ordinal));

        Assert.Equal(
        [
            "GET /api/v1/articles 200,400,403", "POST /api/v1/articles 201,400,401,403,409,413,415",
            "POST /api/v1/articles/preview 200,400,401,403,413,415", "GET /api/v1/articles/{slug} 200,404",
            "PUT /api/v1/articles/{slug} 200,400,401,403,404,409,413,415", "DELETE /api/v1/articles/{slug} 204,401,403,404",
            "GET /api/v1/categories 200", "POST /api/v1/categories 201,400,401,403,409,413,415",
            "PUT /api/v1/categories/{id} 200,400,401,403,404,409,413,415", "DELETE /api/v1/categories/{id} 204,401,403,404,409",
        ],
        [
            Statuses("/api/v1/articles", "get"), Statuses("/api/v1/articles", "post"), Statuses("/api/v1/articles/preview", "post"),
            Statuses("/api/v1/articles/{slug}", "get"), Statuses("/api/v1/articles/{slug}", "put"), Statuses("/api/v1/articles/{slug}", "delete"),
            Statuses("/api/v1/categories", "get"), Statuses("/api/v1/categories", "post"), Statuses("/api/v1/categories/{id}", "put"),
            Statuses("/api/v1/categories/{id}", "delete"),
        ]);
    }
}
