using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using OrleansRides.Tests.Shared;
using static OrleansRides.FrontendHost.Tests.Accounts;
using static OrleansRides.FrontendHost.Tests.ScheduleRows;

namespace OrleansRides.FrontendHost.Tests;

[Collection(FrontendCollection.Name)]
public sealed class RidesApiTests(TestDatabase database) : FrontendTest(database, Frontend())
{
    private async Task<HttpResponseMessage> InstancesAsync(Guid routeId, object body, string? token = null, string? leaderKey = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/routes/{routeId}/instances") { Content = JsonContent.Create(body) };
        if (token is not null)
        {
            request.Headers.Authorization = new("Bearer", token);
        }
        if (leaderKey is not null)
        {
            request.Headers.Add("X-Leader-Key", leaderKey);
        }
        return await Client.SendAsync(request);
    }

    [Fact]
    public async Task Scheduling_is_idempotent_per_date_and_places_the_ride_in_the_regions_zone()
    {
        var route = await RouteAsync(Database.DataSource, await RegionAsync(Database.DataSource, "America/Los_Angeles"), departure: "07:30", durationMinutes: 1500);

        var first = await InstancesAsync(route.Id, new { dates = new[] { "2026-11-01", "2026-10-31" } }, leaderKey: route.LeaderKey);
        var second = await InstancesAsync(route.Id, new { dates = new[] { "2026-11-01", "2026-11-02", "2026-11-01" } }, leaderKey: route.LeaderKey);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        var created = (await first.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("data").EnumerateArray().ToArray();
        Assert.Equal(["2026-10-31", "2026-11-01"], created.Select(r => r.GetProperty("localDate").GetString()));
        Assert.All(created, r => Assert.True(r.GetProperty("created").GetBoolean()));
        // Los Angeles leaves PDT (−7) for PST (−8) on 1 November 2026: 07:30 local is 14:30 then 15:30 UTC.
        Assert.Equal(["2026-10-31T14:30:00Z", "2026-11-01T15:30:00Z"], created.Select(r => r.GetProperty("startTime").GetString()));
        Assert.Equal("2026-11-01T07:30", created[1].GetProperty("localStart").GetString());
        Assert.Equal("America/Los_Angeles", created[1].GetProperty("timeZone").GetString());
        Assert.Equal("2026-11-02T16:30:00Z", created[1].GetProperty("endTime").GetString()); // 25 hours later
        var again = (await second.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("data").EnumerateArray().ToArray();
        Assert.Equal([("2026-11-01", false), ("2026-11-02", true)], again.Select(r => (r.GetProperty("localDate").GetString(), r.GetProperty("created").GetBoolean())));
        Assert.Equal(created[1].GetProperty("id").GetGuid(), again[0].GetProperty("id").GetGuid());
        Assert.Equal(route.Id, again[0].GetProperty("route").GetProperty("id").GetGuid());
        var start = again[0].GetProperty("route").GetProperty("start"); // the route's first waypoint, for map markers
        Assert.Equal((52.5, 13.4), (start.GetProperty("lat").GetDouble(), start.GetProperty("lng").GetDouble()));
        Assert.Equal(JsonValueKind.Null, again[0].GetProperty("live").ValueKind);
        Assert.Equal(0, again[0].GetProperty("interestCount").GetInt32());
        Assert.False(again[0].GetProperty("hasTrack").GetBoolean());
    }

    [Fact]
    public async Task Only_route_managers_schedule_rides()
    {
        var (memberToken, memberId) = await SignUpAsync(Client);
        var (otherToken, _) = await SignUpAsync(Client);
        var editor = await WithRoleAsync(Client, "editor");
        var region = await RegionAsync(Database.DataSource);
        var route = await RouteAsync(Database.DataSource, region, creatorId: memberId);
        var body = new { dates = new[] { "2026-12-24" } };

        Assert.Equal(HttpStatusCode.Unauthorized, (await InstancesAsync(route.Id, body)).StatusCode);
        var stranger = await InstancesAsync(route.Id, body, token: otherToken);
        var wrongKey = await InstancesAsync(route.Id, body, leaderKey: "not-the-key");
        Assert.Equal(HttpStatusCode.Forbidden, stranger.StatusCode);
        Assert.Equal("NOT_ROUTE_MANAGER", await CodeOf(stranger));
        Assert.Equal(HttpStatusCode.Forbidden, wrongKey.StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await InstancesAsync(route.Id, body, token: memberToken)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await InstancesAsync(route.Id, body, token: editor)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await InstancesAsync(route.Id, body, leaderKey: route.LeaderKey)).StatusCode);
    }

    [Fact]
    public async Task An_unknown_route_is_404_and_a_route_without_a_region_is_409()
    {
        var noRegion = await RouteAsync(Database.DataSource, null);
        var body = new { dates = new[] { "2026-12-24" } };

        var unknown = await InstancesAsync(Guid.NewGuid(), body, leaderKey: "any");
        var regionless = await InstancesAsync(noRegion.Id, body, leaderKey: noRegion.LeaderKey);

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("ROUTE_NOT_FOUND", await CodeOf(unknown));
        Assert.Equal(HttpStatusCode.Conflict, regionless.StatusCode);
        Assert.Equal("ROUTE_HAS_NO_REGION", await CodeOf(regionless));
    }

    [Fact]
    public async Task An_archived_route_gets_no_new_rides()
    {
        var archived = await RouteAsync(Database.DataSource, SeededCatalog.Berlin, status: "archived");

        var response = await InstancesAsync(archived.Id, new { dates = new[] { "2026-12-24" } }, leaderKey: archived.LeaderKey);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("ROUTE_ARCHIVED", await CodeOf(response));
    }

    [Fact]
    public async Task The_list_shows_approved_routes_upcoming_rides_soonest_first_with_filters_and_paging()
    {
        var region = await RegionAsync(Database.DataSource, "Asia/Jakarta");
        var tag = Guid.Parse("0192f0a0-0000-7000-8000-000000000102");
        var early = await RouteAsync(Database.DataSource, region, departure: "06:00", tagId: tag);
        var late = await RouteAsync(Database.DataSource, region, departure: "18:00");
        var pending = await RouteAsync(Database.DataSource, region, departure: "07:00", status: "pending");
        var earlyRides = await ScheduleAsync(Client, early, Day(4), Day(2), Day(40));
        await ScheduleAsync(Client, late, Day(2), Day(3));
        var hidden = await ScheduleAsync(Client, pending, Day(2));
        var editor = await WithRoleAsync(Client, "editor");
        (await SendAsync(Client, HttpMethod.Post, $"/api/v1/rides/{earlyRides.Single(r => r.GetProperty("localDate").GetString() == Day(4)).GetProperty("id").GetGuid()}/cancel", editor, new { reason = "holiday" })).EnsureSuccessStatusCode();

        async Task<JsonElement> ListAsync(string query) => await Client.GetFromJsonAsync<JsonElement>($"/api/v1/rides?regionId={region}&{query}");

        var all = await ListAsync("");
        // Day 2 06:00 (early), day 2 18:00 (late), day 3 (late); day 4 is cancelled, day 40 is past the default 30 days.
        Assert.Equal([(early.Id, Day(2)), (late.Id, Day(2)), (late.Id, Day(3))],
            all.GetProperty("data").EnumerateArray().Select(r => (r.GetProperty("routeId").GetGuid(), r.GetProperty("localDate").GetString()!)));
        Assert.Equal(3, all.GetProperty("pagination").GetProperty("total").GetInt32());
        var second = await ListAsync("limit=1&offset=1");
        Assert.Equal(late.Id, Assert.Single(second.GetProperty("data").EnumerateArray()).GetProperty("routeId").GetGuid());
        Assert.Equal(3, second.GetProperty("pagination").GetProperty("total").GetInt32());
        Assert.Equal(1, second.GetProperty("pagination").GetProperty("limit").GetInt32());
        var tagged = await ListAsync($"tagIds={tag},{Guid.NewGuid()}&daysAhead=366");
        Assert.Equal([Day(2), Day(40)], tagged.GetProperty("data").EnumerateArray().Select(r => r.GetProperty("localDate").GetString()));
        Assert.Equal("Commute", tagged.GetProperty("data")[0].GetProperty("route").GetProperty("tags")[0].GetProperty("name").GetString());
        var fromDate = await ListAsync($"from={Day(3)}&daysAhead=1");
        Assert.Equal([Day(3)], fromDate.GetProperty("data").EnumerateArray().Select(r => r.GetProperty("localDate").GetString()));
        // A ride of a route that is not approved is not listed but is readable by id.
        Assert.Equal("pending", (await RideAsync(Client, hidden[0].GetProperty("id").GetGuid())).GetProperty("route").GetProperty("status").GetString());
    }
}
