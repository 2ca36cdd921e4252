using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Xml.Linq;
using OrleansRides.Tests.Shared;
using static OrleansRides.FrontendHost.Tests.Accounts;
using static OrleansRides.FrontendHost.Tests.ScheduleRows;

namespace OrleansRides.FrontendHost.Tests;

/// <summary>A scheduled ride led live through <c>/hubs/ride</c>: live in the list, completed with its GPX, cancelled with
/// <c>rideCancelled</c> pushed to the connected riders (decisions 72–74).</summary>
[Collection(FrontendCollection.Name)]
public sealed class LiveRideTests(TestDatabase database) : FrontendTest(database, Frontend())
{
    /// <summary>A route in UTC departing this minute, and its ride today.</summary>
    private async Task<(TestRoute Route, Guid RideId)> RideNowAsync()
    {
        var now = DateTime.UtcNow;
        var route = await RouteAsync(Database.DataSource, await RegionAsync(Database.DataSource, "Etc/UTC"),
            departure: now.ToString("HH:mm", CultureInfo.InvariantCulture), durationMinutes: 60);
        var ride = (await ScheduleAsync(Client, route, now.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)))[0];
        return (route, ride.GetProperty("id").GetGuid());
    }

    private async Task<HttpResponseMessage> CancelAsync(Guid rideId, string reason, string? leaderKey)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/rides/{rideId}/cancel") { Content = JsonContent.Create(new { reason }) };
        if (leaderKey is not null)
        {
            request.Headers.Add("X-Leader-Key", leaderKey);
        }
        return await Client.SendAsync(request);
    }

    [Fact]
    public async Task A_led_ride_is_live_with_its_followers_then_completed_with_a_GPX_track_that_parses()
    {
        var (route, rideId) = await RideNowAsync();
        await using var leader = await HubSocket.ConnectAsync(Factory, "ride", null);
        await using var follower = await HubSocket.ConnectAsync(Factory, "ride", null);
        await leader.InvokeAsync("JoinRide", new { accessCode = route.AccessCode, role = "leader", leaderKey = route.LeaderKey });
        await follower.InvokeAsync("JoinRide", new { accessCode = route.AccessCode, role = "follower" });
        var start = DateTimeOffset.UtcNow.AddSeconds(-30);
        var points = Enumerable.Range(0, 3).Select(i => new { lat = 52.5 + (i * 0.001), lng = 13.4 + (i * 0.0005), timestamp = start.AddSeconds(i * 5) }).ToArray();
        foreach (var point in points)
        {
            await leader.InvokeAsync("UpdateLocation", route.AccessCode, point);
        }

        var live = await RideAsync(Client, rideId);
        Assert.Equal("live", live.GetProperty("status").GetString());
        Assert.Equal(route.AccessCode, live.GetProperty("live").GetProperty("accessCode").GetString());
        Assert.Equal(1, live.GetProperty("live").GetProperty("followerCount").GetInt32());
        var listed = await Client.GetFromJsonAsync<JsonElement>($"/api/v1/rides?regionId={live.GetProperty("route").GetProperty("region").GetProperty("id").GetGuid()}&from={Uri.EscapeDataString(start.AddHours(-1).ToString("O", CultureInfo.InvariantCulture))}");
        Assert.Equal("live", Assert.Single(listed.GetProperty("data").EnumerateArray()).GetProperty("status").GetString());

        await leader.InvokeAsync("EndRide", route.AccessCode);

        var completed = await RideAsync(Client, rideId);
        Assert.Equal("completed", completed.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, completed.GetProperty("live").ValueKind);
        Assert.True(completed.GetProperty("hasTrack").GetBoolean());
        var gpx = await Client.GetAsync($"/api/v1/rides/{rideId}/track.gpx");
        Assert.Equal(HttpStatusCode.OK, gpx.StatusCode);
        Assert.Equal("application/gpx+xml", gpx.Content.Headers.ContentType!.MediaType);
        XNamespace ns = "http://www.topografix.com/GPX/1/1";
        var document = XDocument.Parse(await gpx.Content.ReadAsStringAsync());
        Assert.Equal(ns + "gpx", document.Root!.Name);
        Assert.Equal("1.1", document.Root.Attribute("version")!.Value);
        Assert.StartsWith($"Route {route.Id}", document.Root.Element(ns + "metadata")!.Element(ns + "name")!.Value);
        var trkpts = document.Root.Element(ns + "trk")!.Element(ns + "trkseg")!.Elements(ns + "trkpt").ToList();
        Assert.Equal(points.Select(p => (p.lat, p.lng, p.timestamp.ToUnixTimeMilliseconds())),
            trkpts.Select(p => (double.Parse(p.Attribute("lat")!.Value, CultureInfo.InvariantCulture), double.Parse(p.Attribute("lon")!.Value, CultureInfo.InvariantCulture),
                DateTimeOffset.Parse(p.Element(ns + "time")!.Value, CultureInfo.InvariantCulture).ToUnixTimeMilliseconds())));
    }

    [Fact]
    public async Task A_ride_without_a_track_has_no_GPX()
    {
        var (_, rideId) = await RideNowAsync();

        var response = await Client.GetAsync($"/api/v1/rides/{rideId}/track.gpx");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("TRACK_NOT_FOUND", await CodeOf(response));
    }

    [Fact]
    public async Task Cancelling_pushes_rideCancelled_to_the_leader_and_followers_at_once_and_twice_is_409()
    {
        var (route, rideId) = await RideNowAsync();
        await using var leader = await HubSocket.ConnectAsync(Factory, "ride", null);
        await using var follower = await HubSocket.ConnectAsync(Factory, "ride", null);
        await leader.InvokeAsync("JoinRide", new { accessCode = route.AccessCode, role = "leader", leaderKey = route.LeaderKey });
        await follower.InvokeAsync("JoinRide", new { accessCode = route.AccessCode, role = "follower" });
        var (stranger, _) = await SignUpAsync(Client);

        Assert.Equal(HttpStatusCode.Unauthorized, (await CancelAsync(rideId, "storm", null)).StatusCode);
        var refused = await SendAsync(Client, HttpMethod.Post, $"/api/v1/rides/{rideId}/cancel", stranger, new { reason = "storm" });
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal("NOT_ROUTE_MANAGER", await CodeOf(refused));
        var cancelled = await CancelAsync(rideId, "Storm warning", route.LeaderKey);

        Assert.Equal(HttpStatusCode.OK, cancelled.StatusCode);
        var view = (await cancelled.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("data");
        Assert.Equal("cancelled", view.GetProperty("status").GetString());
        Assert.Equal("Storm warning", view.GetProperty("cancelReason").GetString());
        foreach (var socket in new[] { leader, follower })
        {
            var pushed = (await socket.NextEventAsync("rideCancelled"))[0];
            Assert.Equal(rideId, pushed.GetProperty("rideId").GetGuid());
            Assert.Equal("Storm warning", pushed.GetProperty("reason").GetString());
            // The live ride of that scheduled ride ends with it.
            Assert.Equal("cancelled", (await socket.NextEventAsync("rideEnded"))[0].GetProperty("reason").GetString());
        }
        var again = await CancelAsync(rideId, "again", route.LeaderKey);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal("RIDE_NOT_CANCELLABLE", await CodeOf(again));
        Assert.Equal("cancelled", (await RideAsync(Client, rideId)).GetProperty("status").GetString());
    }
}
