using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using OrleansRides.Tests.Shared;

namespace OrleansRides.FrontendHost.Tests;

/// <summary>Catalog requests for the HTTP tests: raw JSON bodies (so that wrong types can be sent), an optional bearer
/// token and leader key, and the answer reduced to what the tests compare.</summary>
internal static class CatalogCalls
{
    /// <summary>A valid route body in the seeded Berlin region.</summary>
    public static string RouteJson(string name = "Catalog test ride", string extra = "") =>
        $$"""{"name":"{{name}}","departureTime":"07:30","regionId":"{{SeededCatalog.BerlinJson}}","waypoints":[{"lat":52.5,"lng":13.4}]{{extra}}}""";

    public static async Task<HttpResponseMessage> CallAsync(HttpClient client, HttpMethod method, string path, string? token, string? json = null, string? leaderKey = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }
        if (token is not null)
        {
            request.Headers.Authorization = new("Bearer", token);
        }
        if (leaderKey is not null)
        {
            request.Headers.Add("X-Leader-Key", leaderKey);
        }
        return await client.SendAsync(request);
    }

    /// <summary>Creates a route (as <paramref name="token"/>'s account, or anonymously) and returns its <c>data</c>.</summary>
    public static async Task<JsonElement> CreateRouteAsync(HttpClient client, string? token, string? json = null)
    {
        var response = await CallAsync(client, HttpMethod.Post, "/api/v1/routes", token, json ?? RouteJson());
        Assert.Equal(System.Net.HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("data");
    }

    /// <summary>Creates a region of its own as <paramref name="staffToken"/>; returns its id.</summary>
    public static async Task<Guid> CreateRegionAsync(HttpClient client, string staffToken)
    {
        var response = await CallAsync(client, HttpMethod.Post, "/api/v1/regions", staffToken,
            $$$"""{"name":"Region {{{Guid.NewGuid():N}}}","timeZone":"Australia/Melbourne","center":{"lat":-37.8,"lng":144.9}}""");
        Assert.Equal(System.Net.HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("data").GetProperty("id").GetGuid();
    }

    /// <summary>"STATUS CODE" of a response, such as <c>"400 VALIDATION_FAILED"</c> or <c>"204"</c>; with the names of the
    /// fields a validation problem names, such as <c>"400 VALIDATION_FAILED regionId"</c>.</summary>
    public static async Task<string> OutcomeAsync(HttpResponseMessage response)
    {
        var status = ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (response.Content.Headers.ContentType?.MediaType != "application/problem+json")
        {
            return status;
        }
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        var fields = problem.TryGetProperty("errors", out var errors) ? errors.EnumerateObject().Select(e => e.Name).Order().ToArray() : [];
        return string.Join(' ', new[] { status, problem.GetProperty("code").GetString()! }.Concat(fields));
    }
}
