using System.Net;
using System.Text;
using System.Text.Json;
using OrleansRides.Tests.Shared;
using static OrleansRides.FrontendHost.Tests.ScheduleRows;

namespace OrleansRides.FrontendHost.Tests;

/// <summary>Hostile input to every scheduled-ride endpoint: a typed 4xx with a stable code each, never a 5xx.</summary>
[Collection(FrontendCollection.Name)]
public sealed class HostileRideInputTests(TestDatabase database) : FrontendTest(database, new FrontendFactory().With("RateLimits:RouteCreationsPerMinute", "100000"), sharedByClass: true)
{
    private static readonly string TooManyDates = JsonSerializer.Serialize(new { dates = Enumerable.Range(0, 367).Select(i => new DateOnly(2027, 1, 1).AddDays(i).ToString("yyyy-MM-dd", null)) });

    public static TheoryData<string, int, string> InstanceBodies => new()
    {
        { """{"dates":["2026-02-30"]}""", 400, "VALIDATION_FAILED" },
        { """{"dates":["2026-13-01"]}""", 400, "VALIDATION_FAILED" },
        { """{"dates":["1999-12-31"]}""", 400, "VALIDATION_FAILED" },
        { """{"dates":["9999-12-31"]}""", 400, "VALIDATION_FAILED" },
        { """{"dates":["2026-12-01T07:30"]}""", 400, "VALIDATION_FAILED" },
        { """{"dates":["2026-12-01'; DROP TABLE rides; --"]}""", 400, "VALIDATION_FAILED" },
        { """{"dates":[null]}""", 400, "VALIDATION_FAILED" },
        { """{"dates":[]}""", 400, "VALIDATION_FAILED" },
        { """{"dates":null}""", 400, "VALIDATION_FAILED" },
        { """{}""", 400, "VALIDATION_FAILED" },
        { TooManyDates, 400, "VALIDATION_FAILED" },
        { """{"dates":"2026-12-01"}""", 400, "MALFORMED_JSON" },
        { """{"dates":[20261201]}""", 400, "MALFORMED_JSON" },
        { """{"dates":[{"a":1}]}""", 400, "MALFORMED_JSON" },
        { """[1,2]""", 400, "MALFORMED_JSON" },
        { """{"dates":["2026-12-01"]""", 400, "MALFORMED_JSON" },
    };

    public static TheoryData<string> BadListQueries => new()
    {
        "daysAhead=0", "daysAhead=367", "daysAhead=abc", "daysAhead=-1", "daysAhead=99999999999", "from=2026-02-30", "from=yesterday",
        "from=1970-01-01T00:00:00Z", "regionId=not-a-uuid", "tagIds=x,y", "limit=0", "limit=101", "offset=-1", "offset=1.5",
        $"tagIds={string.Join(',', Enumerable.Range(0, 51).Select(_ => Guid.NewGuid()))}",
    };

    public static TheoryData<string, string> CancelBodies => new()
    {
        { """{"reason":""}""", "VALIDATION_FAILED" },
        { """{}""", "VALIDATION_FAILED" },
        { $$"""{"reason":"{{new string('x', 501)}}"}""", "VALIDATION_FAILED" },
        { """{"reason":"bell\u0007"}""", "VALIDATION_FAILED" },
        { """{"reason":42}""", "MALFORMED_JSON" },
        { """{"reason":["a"]}""", "MALFORMED_JSON" },
    };

    private async Task<HttpResponseMessage> PostAsync(string path, string json, string? leaderKey)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        if (leaderKey is not null)
        {
            request.Headers.Add("X-Leader-Key", leaderKey);
        }
        return await Client.SendAsync(request);
    }

    private static async Task AssertProblemAsync(HttpResponseMessage response, int status, string code)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode == status, $"{(int)response.StatusCode} {body}");
        Assert.Equal(code, JsonDocument.Parse(body).RootElement.GetProperty("code").GetString());
    }

    [Theory]
    [MemberData(nameof(InstanceBodies))]
    public async Task Bad_instance_bodies_are_typed_400s(string json, int status, string code)
    {
        var route = await RouteAsync(Database.DataSource, await RegionAsync(Database.DataSource));

        await AssertProblemAsync(await PostAsync($"/api/v1/routes/{route.Id}/instances", json, route.LeaderKey), status, code);
    }

    [Theory]
    [MemberData(nameof(BadListQueries))]
    public async Task Bad_list_parameters_are_400s_naming_the_parameter(string query)
    {
        var response = await Client.GetAsync($"/api/v1/rides?{query}");

        await AssertProblemAsync(response, 400, "VALIDATION_FAILED");
        var errors = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("errors");
        Assert.True(errors.TryGetProperty(query.Split('=')[0], out _), errors.ToString());
    }

    [Theory]
    [MemberData(nameof(CancelBodies))]
    public async Task Bad_cancel_bodies_are_typed_400s(string json, string code)
    {
        var route = await RouteAsync(Database.DataSource, await RegionAsync(Database.DataSource));
        var ride = (await ScheduleAsync(Client, route, Day(5)))[0].GetProperty("id").GetGuid();

        await AssertProblemAsync(await PostAsync($"/api/v1/rides/{ride}/cancel", json, route.LeaderKey), 400, code);
    }

    [Theory]
    [InlineData("GET", "/api/v1/rides/{0}", "RIDE_NOT_FOUND")]
    [InlineData("GET", "/api/v1/rides/{0}/track.gpx", "RIDE_NOT_FOUND")]
    [InlineData("POST", "/api/v1/rides/{0}/cancel", "RIDE_NOT_FOUND")]
    [InlineData("POST", "/api/v1/routes/{0}/instances", "ROUTE_NOT_FOUND")]
    [InlineData("GET", "/api/v1/rides/not-a-uuid", "NOT_FOUND")]
    [InlineData("POST", "/api/v1/rides/1%27%20OR%201=1/cancel", "NOT_FOUND")]
    public async Task Unknown_ids_are_typed_404s(string method, string path, string code)
    {
        var body = path.EndsWith("instances", StringComparison.Ordinal) ? """{"dates":["2026-12-01"]}""" : """{"reason":"x"}""";
        using var request = new HttpRequestMessage(new HttpMethod(method), string.Format(System.Globalization.CultureInfo.InvariantCulture, path, Guid.NewGuid()));
        if (method == "POST")
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
            request.Headers.Add("X-Leader-Key", "some-key");
        }

        var response = await Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(code, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("code").GetString());
    }
}
