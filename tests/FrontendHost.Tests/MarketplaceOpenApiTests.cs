using System.Net.Http.Json;
using System.Text.Json;

namespace OrleansRides.FrontendHost.Tests;

/// <summary>Issue 11: every marketplace and transaction operation is in the OpenAPI document with each status it answers.</summary>
[Collection(FrontendCollection.Name)]
public sealed class MarketplaceOpenApiTests
{
    [Fact]
    public async Task Every_marketplace_operation_lists_its_statuses()
    {
        await using var factory = new FrontendFactory();
        var document = await factory.CreateClient().GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        string Describe(string method, string path)
        {
            var operation = document.GetProperty("paths").GetProperty(path).GetProperty(method.ToLowerInvariant());
            return $"{method} {path} {string.Join(',', operation.GetProperty("responses").EnumerateObject().Select(r => r.Name).Order(StringComparer.Ordinal))}";
        }

        Assert.Equal(
        [
            "GET /api/v1/lounges/{id}/listings 200,400,401,404,429",
            "POST /api/v1/lounges/{id}/listings 201,400,401,403,404,429",
            "GET /api/v1/listings/{id} 200,400,401,404,429",
            "PUT /api/v1/listings/{id} 200,400,401,403,404,409,429",
            "DELETE /api/v1/listings/{id} 200,400,401,403,404,409,429",
            "POST /api/v1/listings/{id}/purchase 200,201,400,401,403,404,409,429",
            "GET /api/v1/transactions 200,400,401,422,429",
            "GET /api/v1/transactions/{id} 200,400,401,404,429",
            "POST /api/v1/transactions/{id}/complete 200,400,401,403,404,409,429",
            "POST /api/v1/transactions/{id}/cancel 200,400,401,404,409,429",
            "GET /api/v1/admin/transactions 200,400,401,403,422,429",
        ],
        [
            Describe("GET", "/api/v1/lounges/{id}/listings"), Describe("POST", "/api/v1/lounges/{id}/listings"),
            Describe("GET", "/api/v1/listings/{id}"), Describe("PUT", "/api/v1/listings/{id}"), Describe("DELETE", "/api/v1/listings/{id}"),
            Describe("POST", "/api/v1/listings/{id}/purchase"), Describe("GET", "/api/v1/transactions"),
            Describe("GET", "/api/v1/transactions/{id}"), Describe("POST", "/api/v1/transactions/{id}/complete"),
            Describe("POST", "/api/v1/transactions/{id}/cancel"), Describe("GET", "/api/v1/admin/transactions"),
        ]);
    }
}
