using System.Net.Http.Json;
using System.Text.Json;

namespace OrleansRides.FrontendHost.Tests;

/// <summary>Issue 9: every regions, tags and routes operation is in the OpenAPI document with each status it answers.</summary>
[Collection(FrontendCollection.Name)]
public sealed class CatalogOpenApiTests
{
    [Fact]
    public async Task Every_catalog_operation_lists_its_statuses()
    {
        await using var factory = new FrontendFactory();
        var document = await factory.CreateClient().GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        string Statuses(string path, string method) => string.Join(',', document.GetProperty("paths").GetProperty(path).GetProperty(method)
            .GetProperty("responses").EnumerateObject().Select(r => r.Name).Order(StringComparer.Ordinal));

        Assert.Equal(
        [
            "GET /api/v1/regions 200", "POST /api/v1/regions 201,400,401,403,409", "GET /api/v1/regions/{id} 200,404",
            "PUT /api/v1/regions/{id} 200,400,401,403,404,409", "DELETE /api/v1/regions/{id} 204,401,403,404,409",
            "GET /api/v1/tags 200,400", "POST /api/v1/tags 201,400,401,403,409", "PUT /api/v1/tags/{id} 200,400,401,403,404,409",
            "DELETE /api/v1/tags/{id} 204,401,403,404,409",
            "GET /api/v1/routes 200,400,403", "POST /api/v1/routes 201,400,429", "GET /api/v1/routes/{id} 200,404",
            "PUT /api/v1/routes/{id} 200,400,403,404", "DELETE /api/v1/routes/{id} 204,403,404",
            "POST /api/v1/routes/{id}/review 200,400,401,403,404", "GET /api/v1/routes/by-code/{code} 200,404,429",
        ],
        [
            $"GET /api/v1/regions {Statuses("/api/v1/regions", "get")}", $"POST /api/v1/regions {Statuses("/api/v1/regions", "post")}",
            $"GET /api/v1/regions/{{id}} {Statuses("/api/v1/regions/{id}", "get")}", $"PUT /api/v1/regions/{{id}} {Statuses("/api/v1/regions/{id}", "put")}",
            $"DELETE /api/v1/regions/{{id}} {Statuses("/api/v1/regions/{id}", "delete")}",
            $"GET /api/v1/tags {Statuses("/api/v1/tags", "get")}", $"POST /api/v1/tags {Statuses("/api/v1/tags", "post")}",
            $"PUT /api/v1/tags/{{id}} {Statuses("/api/v1/tags/{id}", "put")}", $"DELETE /api/v1/tags/{{id}} {Statuses("/api/v1/tags/{id}", "delete")}",
            $"GET /api/v1/routes {Statuses("/api/v1/routes", "get")}", $"POST /api/v1/routes {Statuses("/api/v1/routes", "post")}",
            $"GET /api/v1/routes/{{id}} {Statuses("/api/v1/routes/{id}", "get")}", $"PUT /api/v1/routes/{{id}} {Statuses("/api/v1/routes/{id}", "put")}",
            $"DELETE /api/v1/routes/{{id}} {Statuses("/api/v1/routes/{id}", "delete")}",
            $"POST /api/v1/routes/{{id}}/review {Statuses("/api/v1/routes/{id}/review", "post")}",
            $"GET /api/v1/routes/by-code/{{code}} {Statuses("/api/v1/routes/by-code/{code}", "get")}",
        ]);
        var put = document.GetProperty("paths").GetProperty("/api/v1/routes/{id}").GetProperty("put");
        Assert.Contains(put.GetProperty("parameters").EnumerateArray(), p => p.GetProperty("name").GetString() == "X-Leader-Key");
    }
}
