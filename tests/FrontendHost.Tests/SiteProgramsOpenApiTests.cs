using System.Net.Http.Json;
using System.Text.Json;

namespace OrleansRides.FrontendHost.Tests;

/// <summary>Issue 10: every pages, programmes, announcements and homepage operation is in the OpenAPI document with each
/// status it answers.</summary>
[Collection(FrontendCollection.Name)]
public sealed class SiteProgramsOpenApiTests
{
    [Fact]
    public async Task Every_pages_programmes_announcements_and_homepage_operation_lists_its_statuses()
    {
        await using var factory = new FrontendFactory();
        var document = await factory.CreateClient().GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        string Statuses(string method, string path) => $"{method.ToUpperInvariant()} {path} " + string.Join(',', document.GetProperty("paths")
            .GetProperty(path).GetProperty(method).GetProperty("responses").EnumerateObject().Select(r => r.Name).Order(StringComparer.Ordinal));

        Assert.Equal(
        [
            "GET /api/v1/pages 200", "POST /api/v1/pages 201,400,401,403,409,413", "GET /api/v1/pages/{slug} 200,404",
            "PUT /api/v1/pages/{slug} 200,400,401,403,404,409,413", "DELETE /api/v1/pages/{slug} 204,401,403,404",
            "GET /api/v1/programs 200,400", "POST /api/v1/programs 201,400,401,403,409", "GET /api/v1/programs/{id} 200,404",
            "PUT /api/v1/programs/{id} 200,400,401,403,404,409", "DELETE /api/v1/programs/{id} 204,401,403,404",
            "GET /api/v1/programs/schedule 200,400", "GET /api/v1/programs/now 200",
            "GET /api/v1/announcements 200,401,403", "POST /api/v1/announcements 201,400,401,403", "GET /api/v1/announcements/{id} 200,401,403,404",
            "PUT /api/v1/announcements/{id} 200,400,401,403,404", "DELETE /api/v1/announcements/{id} 204,401,403,404",
            "GET /api/v1/homepage 200",
        ],
        [
            Statuses("get", "/api/v1/pages"), Statuses("post", "/api/v1/pages"), Statuses("get", "/api/v1/pages/{slug}"),
            Statuses("put", "/api/v1/pages/{slug}"), Statuses("delete", "/api/v1/pages/{slug}"),
            Statuses("get", "/api/v1/programs"), Statuses("post", "/api/v1/programs"), Statuses("get", "/api/v1/programs/{id}"),
            Statuses("put", "/api/v1/programs/{id}"), Statuses("delete", "/api/v1/programs/{id}"),
            Statuses("get", "/api/v1/programs/schedule"), Statuses("get", "/api/v1/programs/now"),
            Statuses("get", "/api/v1/announcements"), Statuses("post", "/api/v1/announcements"), Statuses("get", "/api/v1/announcements/{id}"),
            Statuses("put", "/api/v1/announcements/{id}"), Statuses("delete", "/api/v1/announcements/{id}"),
            Statuses("get", "/api/v1/homepage"),
        ]);
    }
}
