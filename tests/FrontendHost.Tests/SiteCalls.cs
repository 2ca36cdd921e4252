using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Npgsql;
using static OrleansRides.FrontendHost.Tests.CatalogCalls;

namespace OrleansRides.FrontendHost.Tests;

/// <summary>Site requests and rows for the HTTP tests of pages, programmes, announcements and the homepage.</summary>
internal static class SiteCalls
{
    /// <summary>Weekdays whose slots these tests own (Thursday to Sunday); the Site.Tests own Tuesday and Wednesday, so that
    /// the station-wide overlap rule never makes the two suites' programmes collide. Monday is left to the e2e tests.</summary>
    public static readonly short[] OwnDays = [4, 5, 6, 7];

    /// <summary>Deletes every programme with a slot on one of <see cref="OwnDays"/>.</summary>
    public static async Task ClearOwnDaysAsync(NpgsqlDataSource dataSource)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await connection.ExecuteAsync(
            "DELETE FROM programs WHERE id IN (SELECT program_id FROM program_slots WHERE day_of_week = ANY(@OwnDays))", new { OwnDays });
    }

    public static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid():N}";

    /// <summary>Sends and returns the answer's <c>data</c>, asserting <paramref name="status"/>.</summary>
    public static async Task<JsonElement> DataAsync(HttpClient client, HttpMethod method, string path, string? token, string? json, int status)
    {
        var response = await CallAsync(client, method, path, token, json);
        Assert.True((int)response.StatusCode == status, $"{method} {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return status == 204 ? default : (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("data");
    }

    public static async Task<string> CreatePageAsync(HttpClient client, string token)
    {
        var slug = Unique("page");
        await DataAsync(client, HttpMethod.Post, "/api/v1/pages", token, $$"""{"slug":"{{slug}}","title":"Page","content":"<p>Text</p>"}""", 201);
        return slug;
    }

    public static async Task<Guid> CreateProgramAsync(HttpClient client, string token, string slots = "[]") =>
        (await DataAsync(client, HttpMethod.Post, "/api/v1/programs", token,
            $$"""{"name":"{{Unique("Show")}}","type":"music","hostName":"Guest","slots":{{slots}}}""", 201)).GetProperty("id").GetGuid();

    public static async Task<Guid> CreateAnnouncementAsync(HttpClient client, string token, string text = "Hello") =>
        (await DataAsync(client, HttpMethod.Post, "/api/v1/announcements", token, $$"""{"text":"{{text}}"}""", 201)).GetProperty("id").GetGuid();
}
