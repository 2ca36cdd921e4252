using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using OrleansRides.Tests.Shared;

namespace OrleansRides.FrontendHost.Tests;

[Collection(FrontendCollection.Name)]
public sealed class RoutesApiTests(TestDatabase database) : FrontendTest(database, new FrontendFactory())
{
    private static readonly object ValidRoute = new
    {
        name = "Stuttgart commute",
        description = "Via Feuerbach",
        waypoints = new[] { new { lat = 48.8789, lng = 9.1887, name = (string?)"Start" }, new { lat = 48.7758, lng = 9.1829, name = (string?)null } },
        departureTime = "07:45",
        estimatedDuration = 64,
        regionId = SeededCatalog.Berlin,
    };

    [Fact]
    public async Task Creating_a_route_returns_an_unambiguous_access_code_and_the_leader_key_once()
    {
        var response = await Client.PostAsJsonAsync("/api/v1/routes", ValidRoute);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var data = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("data");
        Assert.Matches("^[23456789ABCDEFGHJKLMNPQRSTUVWXYZ]{10}$", data.GetProperty("accessCode").GetString());
        Assert.Equal(22, data.GetProperty("leaderKey").GetString()!.Length);
        Assert.Equal("Stuttgart commute", data.GetProperty("name").GetString());
        Assert.Equal("07:45", data.GetProperty("departureTime").GetString());
        Assert.Equal(64, data.GetProperty("estimatedDurationMinutes").GetInt32());
        Assert.Equal(2, data.GetProperty("waypoints").GetArrayLength());
        Assert.Equal($"/api/v1/routes/{data.GetProperty("id").GetGuid()}", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task A_route_can_be_read_by_id_and_by_code_but_never_shows_its_leader_key()
    {
        var created = (await (await Client.PostAsJsonAsync("/api/v1/routes", ValidRoute)).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("data");
        var id = created.GetProperty("id").GetGuid();
        var code = created.GetProperty("accessCode").GetString()!;

        var byId = await Client.GetStringAsync($"/api/v1/routes/{id}");
        var byCode = await Client.GetStringAsync($"/api/v1/routes/by-code/{code.ToLowerInvariant()}");

        Assert.Equal(byId, byCode);
        Assert.DoesNotContain("leaderKey", byId, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(created.GetProperty("leaderKey").GetString()!, byId, StringComparison.Ordinal);
        Assert.Equal(code, JsonDocument.Parse(byId).RootElement.GetProperty("data").GetProperty("accessCode").GetString());
    }

    [Fact]
    public async Task Validation_errors_are_problem_details_that_name_each_field()
    {
        var response = await Client.PostAsJsonAsync("/api/v1/routes", new
        {
            name = "",
            waypoints = new[] { new { lat = 91.0, lng = 9.0 }, new { lat = 48.0, lng = -181.0 } },
            departureTime = "7:5",
            estimatedDuration = "99:00",
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("VALIDATION_FAILED", problem.GetProperty("code").GetString());
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("requestId").GetString()));
        var fields = problem.GetProperty("errors").EnumerateObject().Select(p => p.Name).Order().ToArray();
        Assert.Equal(["departureTime", "estimatedDuration", "name", "regionId", "waypoints[0].lat", "waypoints[1].lng"], fields);
    }

    [Fact]
    public async Task A_route_needs_at_least_one_and_at_most_500_waypoints()
    {
        var none = await Client.PostAsJsonAsync("/api/v1/routes", new { name = "n", waypoints = Array.Empty<object>(), departureTime = "08:00", regionId = SeededCatalog.Berlin });
        var tooMany = await Client.PostAsJsonAsync("/api/v1/routes", new
        {
            name = "n",
            waypoints = Enumerable.Range(0, 501).Select(i => new { lat = 48.0, lng = 9.0 + i * 0.0001 }),
            departureTime = "08:00",
            regionId = SeededCatalog.Berlin,
        });

        Assert.Equal(HttpStatusCode.BadRequest, none.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, tooMany.StatusCode);
        Assert.True((await tooMany.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("waypoints", out _));
    }

    [Theory]
    [InlineData("""{"name": "x", "waypoints": [""", "")]
    [InlineData("""{"name": "x", "waypoints": [{"lat": "north", "lng": 9}], "departureTime": "08:00"}""", "waypoints[0].lat")]
    [InlineData("""{"name": 42, "waypoints": [], "departureTime": "08:00"}""", "name")]
    [InlineData("""[1, 2, 3]""", "")]
    public async Task Malformed_json_and_wrong_types_get_a_typed_400(string body, string field)
    {
        var response = await Client.PostAsync("/api/v1/routes", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("MALFORMED_JSON", problem.GetProperty("code").GetString());
        if (field.Length > 0)
        {
            Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
        }
        Assert.DoesNotContain("OrleansRides", problem.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_body_that_is_not_json_gets_415()
    {
        var response = await Client.PostAsync("/api/v1/routes", new StringContent("name=x", Encoding.UTF8, "application/x-www-form-urlencoded"));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal("UNSUPPORTED_MEDIA_TYPE", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
    }

    [Theory]
    [InlineData("/api/v1/routes/6f1c1b2e-0000-4000-8000-000000000000", "ROUTE_NOT_FOUND")]
    [InlineData("/api/v1/routes/by-code/ZZZZZZ", "ROUTE_NOT_FOUND")]
    [InlineData("/api/v1/routes/by-code/O0I1", "ROUTE_NOT_FOUND")]
    [InlineData("/api/v1/no-such-thing", "NOT_FOUND")]
    public async Task Unknown_resources_are_404_problems(string path, string code)
    {
        var response = await Client.GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(code, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
    }

    [Fact]
    public async Task Creating_routes_too_fast_gets_429_with_retry_after()
    {
        await using var factory = new FrontendFactory().With("RateLimits:RouteCreationsPerMinute", "3");
        var client = factory.CreateClient();

        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? last = null;
        for (var i = 0; i < 5; i++)
        {
            last = await client.PostAsJsonAsync("/api/v1/routes", ValidRoute);
            statuses.Add(last.StatusCode);
        }

        Assert.Equal([HttpStatusCode.Created, HttpStatusCode.Created, HttpStatusCode.Created, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], statuses);
        Assert.Equal("60", last!.Headers.RetryAfter!.ToString());
        Assert.Equal("RATE_LIMITED", (await last.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
    }
}
