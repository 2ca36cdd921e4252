using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using OrleansRides.Tests.Shared;
using static OrleansRides.FrontendHost.Tests.Accounts;
using static OrleansRides.FrontendHost.Tests.CatalogCalls;

namespace OrleansRides.FrontendHost.Tests;

/// <summary>Issue 9: a member's route waits for review, unlisted but usable by its code; staff approve or reject it; the
/// creator's later edit sends it back to review.</summary>
[Collection(FrontendCollection.Name)]
public sealed class RouteReviewTests(TestDatabase database) : FrontendTest(database, Frontend())
{
    private async Task<JsonElement> ListAsync(string query, string? token = null)
    {
        var response = await CallAsync(Client, HttpMethod.Get, $"/api/v1/routes?{query}", token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static Guid[] Ids(JsonElement page) => [.. page.GetProperty("data").EnumerateArray().Select(r => r.GetProperty("id").GetGuid())];

    [Fact]
    public async Task Pending_routes_are_listed_for_staff_only_approval_lists_them_and_a_creators_edit_sends_them_back()
    {
        var admin = await AdminTokenAsync(Client);
        var editor = await WithRoleAsync(Client, "editor");
        var (member, _) = await SignUpAsync(Client);
        var region = await CreateRegionAsync(Client, admin);
        var route = await CreateRouteAsync(Client, member,
            $$"""{"name":"Review me","departureTime":"07:30","regionId":"{{region}}","waypoints":[{"lat":-37.8,"lng":144.9}],"recurrenceRule":"FREQ=WEEKLY;BYDAY=SA","estimatedDuration":"PT25H"}""");
        var id = route.GetProperty("id").GetGuid();

        Assert.Empty(Ids(await ListAsync($"regionId={region}")));
        Assert.Equal([id], Ids(await ListAsync($"regionId={region}&status=pending", editor)));
        Assert.Equal("pending", (await Client.GetFromJsonAsync<JsonElement>($"/api/v1/routes/by-code/{route.GetProperty("accessCode").GetString()}"))
            .GetProperty("data").GetProperty("status").GetString());
        Assert.Equal((true, 1500), (route.GetProperty("isRecurring").GetBoolean(), route.GetProperty("estimatedDurationMinutes").GetInt32()));

        var noReason = await CallAsync(Client, HttpMethod.Post, $"/api/v1/routes/{id}/review", editor, """{"decision":"reject"}""");
        var rejected = await CallAsync(Client, HttpMethod.Post, $"/api/v1/routes/{id}/review", editor, """{"decision":"reject","reason":"Add a meeting point."}""");
        Assert.Equal("400 VALIDATION_FAILED reason", await OutcomeAsync(noReason));
        var rejectedRoute = (await rejected.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("data");
        Assert.Equal(("rejected", "Add a meeting point."), (rejectedRoute.GetProperty("status").GetString(), rejectedRoute.GetProperty("reviewReason").GetString()));
        Assert.Equal([id], Ids(await ListAsync($"regionId={region}&status=rejected", admin)));

        Assert.Equal("200", await OutcomeAsync(await CallAsync(Client, HttpMethod.Post, $"/api/v1/routes/{id}/review", admin, """{"decision":"approve"}""")));
        var listed = await ListAsync($"regionId={region}");
        Assert.Equal([id], Ids(listed));
        Assert.Equal(1, listed.GetProperty("pagination").GetProperty("total").GetInt32());
        var summary = listed.GetProperty("data")[0];
        Assert.Equal(("approved", "Australia/Melbourne", false), (summary.GetProperty("status").GetString(),
            summary.GetProperty("region").GetProperty("timeZone").GetString(), summary.TryGetProperty("accessCode", out _)));

        var edit = await CallAsync(Client, HttpMethod.Put, $"/api/v1/routes/{id}", member, """{"name":"Review me again"}""");
        Assert.Equal("pending", (await edit.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("data").GetProperty("status").GetString());
        Assert.Empty(Ids(await ListAsync($"regionId={region}")));

        Assert.Equal("200", await OutcomeAsync(await CallAsync(Client, HttpMethod.Post, $"/api/v1/routes/{id}/review", editor, """{"decision":"approve"}""")));
        var staffEdit = await CallAsync(Client, HttpMethod.Put, $"/api/v1/routes/{id}", editor, """{"neighborhood":"Fitzroy"}""");
        Assert.Equal("approved", (await staffEdit.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("data").GetProperty("status").GetString());
        Assert.Equal(204, (int)(await CallAsync(Client, HttpMethod.Delete, $"/api/v1/routes/{id}", member)).StatusCode);
        Assert.Empty(Ids(await ListAsync($"regionId={region}")));
        Assert.Equal([id], Ids(await ListAsync($"regionId={region}&status=archived", editor)));
    }

    [Fact]
    public async Task A_partial_update_changes_only_the_fields_sent()
    {
        var route = await CreateRouteAsync(Client, null, RouteJson("Partial", ""","description":"Keep me","tagIds":["0192f0a0-0000-7000-8000-000000000102"]"""));
        var key = route.GetProperty("leaderKey").GetString();

        var response = await CallAsync(Client, HttpMethod.Put, $"/api/v1/routes/{route.GetProperty("id").GetGuid()}", null,
            """{"departureTime":"18:15","estimatedDuration":90,"isRecurring":true,"recurrenceRule":"FREQ=DAILY;COUNT=10"}""", key);

        var updated = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("data");
        Assert.Equal(("Partial", "Keep me", "18:15", 90), (updated.GetProperty("name").GetString(), updated.GetProperty("description").GetString(),
            updated.GetProperty("departureTime").GetString(), updated.GetProperty("estimatedDurationMinutes").GetInt32()));
        Assert.Equal("commute", updated.GetProperty("tags")[0].GetProperty("slug").GetString());
        Assert.Equal(route.GetProperty("accessCode").GetString(), updated.GetProperty("accessCode").GetString());
        Assert.Equal("FREQ=DAILY;COUNT=10", updated.GetProperty("recurrenceRule").GetString());
        Assert.False(updated.TryGetProperty("leaderKey", out _));
    }

    [Fact]
    public async Task Regions_and_tags_are_public_to_read()
    {
        var regions = await Client.GetFromJsonAsync<JsonElement>("/api/v1/regions");
        var activeTags = await Client.GetFromJsonAsync<JsonElement>("/api/v1/tags?isActive=true");
        var berlin = await Client.GetFromJsonAsync<JsonElement>($"/api/v1/regions/{SeededCatalog.Berlin}");

        Assert.Contains(regions.GetProperty("data").EnumerateArray(), r => r.GetProperty("slug").GetString() == "jakarta");
        Assert.All(activeTags.GetProperty("data").EnumerateArray(), t => Assert.True(t.GetProperty("isActive").GetBoolean()));
        Assert.Contains(activeTags.GetProperty("data").EnumerateArray(), t => t.GetProperty("slug").GetString() == "night-ride");
        Assert.Equal(("Europe/Berlin", 52.52), (berlin.GetProperty("data").GetProperty("timeZone").GetString(),
            berlin.GetProperty("data").GetProperty("center").GetProperty("lat").GetDouble()));
    }
}
