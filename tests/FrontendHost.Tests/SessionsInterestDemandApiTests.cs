using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using OrleansRides.GrainInterfaces.Sessions;
using OrleansRides.Runtime;
using OrleansRides.Tests.Shared;
using static OrleansRides.FrontendHost.Tests.Accounts;

namespace OrleansRides.FrontendHost.Tests;

[Collection(FrontendCollection.Name)]
public sealed class SessionsInterestDemandApiTests(TestDatabase database) : FrontendTest(database, new FrontendFactory()
    .With("RateLimits:SessionsPerMinute", "1000").With("RateLimits:InterestChangesPerMinute", "1000").With("RateLimits:DemandRequestsPerMinute", "1000"))
{
    private static async Task<JsonElement> DataOf(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("data");

    private async Task<Guid> NewSessionAsync() =>
        (await DataOf(await Client.PostAsJsonAsync("/api/v1/sessions", new { }))).GetProperty("sessionId").GetGuid();

    private Task<Guid> RideAsync(string status = "scheduled", double startsInHours = 24) =>
        SqlCatalogRows.InsertRideAsync(Database.DataSource, DateTimeOffset.UtcNow.AddHours(startsInHours), status);

    private static object Demand(double startLat = 52.52, double startLng = 13.40) => new
    {
        start = new { lat = startLat, lng = startLng, address = "Alexanderplatz" },
        end = new { lat = 52.50, lng = 13.37 },
        preferredDays = new[] { 1, 3, 5 },
        preferredTimeRanges = new[] { "07:00-09:00" },
        regionId = SeededCatalog.Berlin,
    };

    [Fact]
    public async Task A_session_is_created_with_201_and_found_again_by_its_fingerprint_with_200()
    {
        var fingerprint = $"fp-{Guid.NewGuid()}";

        var bare = await Client.PostAsJsonAsync("/api/v1/sessions", new { });
        var first = await Client.PostAsJsonAsync("/api/v1/sessions", new { fingerprint });
        var again = await Client.PostAsJsonAsync("/api/v1/sessions", new { fingerprint });

        Assert.Equal(HttpStatusCode.Created, bare.StatusCode);
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var session = await DataOf(first);
        Assert.Equal(session.GetProperty("sessionId").GetGuid(), (await DataOf(again)).GetProperty("sessionId").GetGuid());
        Assert.InRange(session.GetProperty("expiresAt").GetDateTimeOffset(), DateTimeOffset.UtcNow.AddDays(29.9), DateTimeOffset.UtcNow.AddDays(30.1));
        Assert.EndsWith("Z", session.GetProperty("expiresAt").GetString());
    }

    [Fact]
    public async Task Interest_is_idempotent_counted_reaches_the_session_grain_and_can_be_withdrawn()
    {
        var ride = await RideAsync();
        var session = await NewSessionAsync();

        var first = await DataOf(await Client.PostAsJsonAsync($"/api/v1/rides/{ride}/interest", new { sessionId = session }));
        var repeat = await DataOf(await Client.PostAsJsonAsync($"/api/v1/rides/{ride}/interest", new { sessionId = session }));
        var anonymous = await DataOf(await Client.PostAsJsonAsync($"/api/v1/rides/{ride}/interest", new { }));
        var grain = Factory.Services.GetRequiredService<IGrainFactory>().GetGrain<ISessionGrain>(SessionKeys.GrainKey(session));
        var interests = await grain.GetInterests();
        var withdrawn = await SendAsync(Client, HttpMethod.Delete, $"/api/v1/rides/{ride}/interest", null, new { sessionId = session });

        Assert.Equal(1, first.GetProperty("interestCount").GetInt32());
        Assert.True(first.GetProperty("interested").GetBoolean());
        Assert.Equal(session, first.GetProperty("sessionId").GetGuid());
        Assert.Equal(1, repeat.GetProperty("interestCount").GetInt32());
        Assert.Equal(2, anonymous.GetProperty("interestCount").GetInt32());
        Assert.NotEqual(session, anonymous.GetProperty("sessionId").GetGuid());
        Assert.Equal([ride], interests);
        Assert.Equal(HttpStatusCode.OK, withdrawn.StatusCode);
        var after = await DataOf(withdrawn);
        Assert.Equal(1, after.GetProperty("interestCount").GetInt32());
        Assert.False(after.GetProperty("interested").GetBoolean());
        Assert.Empty(await grain.GetInterests());
    }

    [Theory]
    [InlineData("cancelled", 24)]
    [InlineData("completed", -2)]
    [InlineData("scheduled", -1)]
    public async Task Interest_in_a_cancelled_completed_or_past_ride_is_409_RIDE_NOT_OPEN(string status, double startsInHours)
    {
        var ride = await RideAsync(status, startsInHours);
        var session = await NewSessionAsync();

        var add = await Client.PostAsJsonAsync($"/api/v1/rides/{ride}/interest", new { sessionId = session });
        var remove = await SendAsync(Client, HttpMethod.Delete, $"/api/v1/rides/{ride}/interest", null, new { sessionId = session });

        Assert.Equal(HttpStatusCode.Conflict, add.StatusCode);
        Assert.Equal("RIDE_NOT_OPEN", await CodeOf(add));
        Assert.Equal(HttpStatusCode.Conflict, remove.StatusCode);
        Assert.Equal("RIDE_NOT_OPEN", await CodeOf(remove));
    }

    [Fact]
    public async Task Unknown_rides_and_sessions_are_404_with_their_codes()
    {
        var ride = await RideAsync();
        var session = await NewSessionAsync();

        var noRide = await Client.PostAsJsonAsync($"/api/v1/rides/{Guid.NewGuid()}/interest", new { sessionId = session });
        var noSession = await Client.PostAsJsonAsync($"/api/v1/rides/{ride}/interest", new { sessionId = Guid.NewGuid() });
        var noSessionDelete = await SendAsync(Client, HttpMethod.Delete, $"/api/v1/rides/{ride}/interest", null, new { sessionId = Guid.NewGuid() });
        var noSessionDemand = await Client.PostAsJsonAsync("/api/v1/demand", new
        {
            start = new { lat = 52.52, lng = 13.40 }, end = new { lat = 52.50, lng = 13.37 }, regionId = SeededCatalog.Berlin, sessionId = Guid.NewGuid(),
        });
        var noRegion = await Client.GetAsync($"/api/v1/demand/heatmap?regionId={Guid.NewGuid()}");

        Assert.Equal(("RIDE_NOT_FOUND", HttpStatusCode.NotFound), (await CodeOf(noRide), noRide.StatusCode));
        Assert.Equal(("SESSION_NOT_FOUND", HttpStatusCode.NotFound), (await CodeOf(noSession), noSession.StatusCode));
        Assert.Equal(("SESSION_NOT_FOUND", HttpStatusCode.NotFound), (await CodeOf(noSessionDelete), noSessionDelete.StatusCode));
        Assert.Equal(("SESSION_NOT_FOUND", HttpStatusCode.NotFound), (await CodeOf(noSessionDemand), noSessionDemand.StatusCode));
        Assert.Equal(("REGION_NOT_FOUND", HttpStatusCode.NotFound), (await CodeOf(noRegion), noRegion.StatusCode));
    }

    [Fact]
    public async Task A_demand_request_is_stored_under_its_session_and_only_aggregates_come_back_out()
    {
        var session = await NewSessionAsync();

        var created = await Client.PostAsJsonAsync("/api/v1/demand", new
        {
            start = new { lat = 52.52, lng = 13.40, address = "  Alexanderplatz " }, end = new { lat = 52.50, lng = 13.37 },
            preferredDays = new[] { 5, 1 }, preferredTimeRanges = new[] { "07:00-09:00", "16:30-18:00" }, regionId = SeededCatalog.Berlin, sessionId = session,
        });
        var heatmap = await Client.GetAsync($"/api/v1/demand/heatmap?regionId={SeededCatalog.Berlin}&cell=0.5");

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var demand = await DataOf(created);
        Assert.Equal(session, demand.GetProperty("sessionId").GetGuid());
        Assert.Equal("Alexanderplatz", demand.GetProperty("start").GetProperty("address").GetString());
        Assert.Equal([1, 5], demand.GetProperty("preferredDays").EnumerateArray().Select(d => d.GetInt32()));
        Assert.Equal(HttpStatusCode.OK, heatmap.StatusCode);
        var map = await DataOf(heatmap);
        Assert.Equal(0.5m, map.GetProperty("cell").GetDecimal());
        Assert.All(map.GetProperty("cells").EnumerateArray(), cell =>
            Assert.Equal(["lat", "lng", "starts", "ends"], cell.EnumerateObject().Select(p => p.Name)));
        Assert.DoesNotContain("Alexanderplatz", await heatmap.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Sessions_are_rate_limited_per_address()
    {
        await using var strict = new FrontendFactory().With("RateLimits:SessionsPerMinute", "2");
        var client = strict.CreateClient();
        client.DefaultRequestHeaders.Add(FrontendFactory.ClientAddressHeader, "198.51.100.7");

        var answers = new List<HttpResponseMessage>();
        for (var i = 0; i < 3; i++)
        {
            answers.Add(await client.PostAsJsonAsync("/api/v1/sessions", new { }));
        }

        Assert.Equal([HttpStatusCode.Created, HttpStatusCode.Created, HttpStatusCode.TooManyRequests], answers.Select(a => a.StatusCode));
        Assert.Equal("RATE_LIMITED", await CodeOf(answers[2]));
    }
}
