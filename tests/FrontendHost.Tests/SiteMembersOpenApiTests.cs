using System.Net.Http.Json;
using System.Text.Json;

namespace OrleansRides.FrontendHost.Tests;

/// <summary>Issue 10: every membership, testimonial and staff-queue operation is in the OpenAPI document with each status it
/// answers and the roles its policy admits.</summary>
[Collection(FrontendCollection.Name)]
public sealed class SiteMembersOpenApiTests
{
    [Fact]
    public async Task Every_membership_testimonial_and_queue_operation_lists_its_statuses_and_roles()
    {
        await using var factory = new FrontendFactory();
        var document = await factory.CreateClient().GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        string Describe(string method, string path)
        {
            var operation = document.GetProperty("paths").GetProperty(path).GetProperty(method.ToLowerInvariant());
            var statuses = string.Join(',', operation.GetProperty("responses").EnumerateObject().Select(r => r.Name).Order(StringComparer.Ordinal));
            var roles = operation.TryGetProperty("security", out var security)
                ? string.Join(',', security[0].GetProperty("Bearer").EnumerateArray().Select(r => r.GetString()).Order(StringComparer.Ordinal))
                : "anyone";
            return $"{method} {path} {statuses} {roles}";
        }

        const string Staff = "admin,editor", Station = "admin,editor,penyiar";
        Assert.Equal(
        [
            "GET /api/v1/membership/info 200 anyone",
            "POST /api/v1/membership/register 201,400,413,429 anyone",
            $"POST /api/v1/membership/tiers 201,400,401,403,409 {Staff}",
            $"PUT /api/v1/membership/tiers/{{id}} 200,400,401,403,404,409 {Staff}",
            $"DELETE /api/v1/membership/tiers/{{id}} 204,401,403,404 {Staff}",
            $"GET /api/v1/membership/registrations 200,400,401,403 {Staff}",
            "POST /api/v1/testimonials 201,400,413,429 anyone",
            "GET /api/v1/testimonials 200,400 anyone",
            $"GET /api/v1/testimonials/pending 200,400,401,403 {Staff}",
            $"POST /api/v1/testimonials/{{id}}/approve 200,401,403,404,409 {Staff}",
            $"POST /api/v1/testimonials/{{id}}/reject 200,401,403,404,409 {Staff}",
            $"GET /api/v1/services/prayer 200,400,401,403 {Station}",
            $"GET /api/v1/services/song_requests 200,400,401,403 {Station}",
        ],
        [
            Describe("GET", "/api/v1/membership/info"), Describe("POST", "/api/v1/membership/register"),
            Describe("POST", "/api/v1/membership/tiers"), Describe("PUT", "/api/v1/membership/tiers/{id}"),
            Describe("DELETE", "/api/v1/membership/tiers/{id}"), Describe("GET", "/api/v1/membership/registrations"),
            Describe("POST", "/api/v1/testimonials"), Describe("GET", "/api/v1/testimonials"), Describe("GET", "/api/v1/testimonials/pending"),
            Describe("POST", "/api/v1/testimonials/{id}/approve"), Describe("POST", "/api/v1/testimonials/{id}/reject"),
            Describe("GET", "/api/v1/services/prayer"), Describe("GET", "/api/v1/services/song_requests"),
        ]);
    }
}
