using System.Net.Http.Json;
using System.Text.Json;

namespace OrleansRides.FrontendHost.Tests;

/// <summary>Issue 10: every gallery operation is in the OpenAPI document with each status it answers, uploads as
/// multipart/form-data.</summary>
[Collection(FrontendCollection.Name)]
public sealed class SiteGalleryOpenApiTests
{
    [Fact]
    public async Task Every_gallery_operation_lists_its_statuses()
    {
        await using var factory = new FrontendFactory();
        var document = await factory.CreateClient().GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        var paths = document.GetProperty("paths");
        string Statuses(string path, string method) => $"{method.ToUpperInvariant()} {path} " + string.Join(',', paths.GetProperty(path).GetProperty(method)
            .GetProperty("responses").EnumerateObject().Select(r => r.Name).Order(StringComparer.Ordinal));

        Assert.Equal(
        [
            "GET /api/v1/gallery 200,400", "POST /api/v1/gallery 201,400,401,403,413,415,429",
            "GET /api/v1/gallery/{id} 200,404", "PUT /api/v1/gallery/{id} 200,400,401,403,404,413,415",
            "DELETE /api/v1/gallery/{id} 204,401,403,404",
            "GET /api/v1/gallery/{id}/image 200,304,404", "GET /api/v1/gallery/{id}/thumbnail 200,304,404",
        ],
        [
            Statuses("/api/v1/gallery", "get"), Statuses("/api/v1/gallery", "post"), Statuses("/api/v1/gallery/{id}", "get"),
            Statuses("/api/v1/gallery/{id}", "put"), Statuses("/api/v1/gallery/{id}", "delete"),
            Statuses("/api/v1/gallery/{id}/image", "get"), Statuses("/api/v1/gallery/{id}/thumbnail", "get"),
        ]);
        Assert.True(paths.GetProperty("/api/v1/gallery").GetProperty("post").GetProperty("requestBody").GetProperty("content")
            .TryGetProperty("multipart/form-data", out _));
    }
}
