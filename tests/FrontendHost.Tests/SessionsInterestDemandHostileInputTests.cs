using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using OrleansRides.Tests.Shared;

namespace OrleansRides.FrontendHost.Tests;

/// <summary>Hostile input for the sessions, interest and demand endpoints: wrong types, out-of-range coordinates, unknown
/// ids, oversize strings and arrays, bad time ranges, injection-shaped strings. Each bad case is a typed 4xx (a problem
/// with its code), never a 5xx; injection-shaped strings are plain data.</summary>
[Collection(FrontendCollection.Name)]
public sealed class SessionsInterestDemandHostileInputTests(TestDatabase database) : FrontendTest(database, new FrontendFactory()
    .With("RateLimits:SessionsPerMinute", "100000").With("RateLimits:InterestChangesPerMinute", "100000").With("RateLimits:DemandRequestsPerMinute", "100000"), sharedByClass: true)
{
    private const string Injection = @"'); DROP TABLE anonymous_sessions; --";
    private static readonly string Long201 = new('x', 201);

    private static string Point(string lat = "52.52", string lng = "13.40", string address = "null") => $$"""{"lat":{{lat}},"lng":{{lng}},"address":{{address}}}""";

    private static string Demand(string? start = null, string? end = null, string days = "[1]", string ranges = """["07:00-09:00"]""",
        string region = $"\"0192f0a0-0000-7000-8000-000000000001\"", string extra = "") =>
        $$"""{"start":{{start ?? Point()}},"end":{{end ?? Point("52.50", "13.37")}},"preferredDays":{{days}},"preferredTimeRanges":{{ranges}},"regionId":{{region}}{{extra}}}""";

    public static TheoryData<string, string, string?, int, string> Cases => new()
    {
        // POST /api/v1/sessions
        { "POST", "/api/v1/sessions", """{"fingerprint":123}""", 400, "MALFORMED_JSON" },
        { "POST", "/api/v1/sessions", "[1,2]", 400, "MALFORMED_JSON" },
        { "POST", "/api/v1/sessions", "not json", 400, "MALFORMED_JSON" },
        { "POST", "/api/v1/sessions", "", 400, "BAD_REQUEST" },
        { "POST", "/api/v1/sessions", $$"""{"fingerprint":"{{Long201}}"}""", 400, "VALIDATION_FAILED" },
        { "POST", "/api/v1/sessions", """{"fingerprint":"a\u0000b"}""", 400, "VALIDATION_FAILED" },
        { "POST", "/api/v1/sessions", """{"fingerprint":"rtl\u202e"}""", 400, "VALIDATION_FAILED" },
        { "POST", "/api/v1/sessions", """{"fingerprint":""}""", 400, "VALIDATION_FAILED" },
        { "POST", "/api/v1/sessions", $$"""{"fingerprint":"{{Injection}}{unknown}"}""", 201, "" },
        // POST /api/v1/rides/{id}/interest
        { "POST", "/api/v1/rides/not-a-uuid/interest", "{}", 404, "NOT_FOUND" },
        { "POST", "/api/v1/rides/{unknown}/interest", "{}", 404, "RIDE_NOT_FOUND" },
        { "POST", "/api/v1/rides/{ride}/interest", "", 400, "BAD_REQUEST" },
        { "POST", "/api/v1/rides/{ride}/interest", """{"sessionId":"nope"}""", 400, "MALFORMED_JSON" },
        { "POST", "/api/v1/rides/{ride}/interest", """{"sessionId":12}""", 400, "MALFORMED_JSON" },
        { "POST", "/api/v1/rides/{ride}/interest", """{"sessionId":"{unknown}"}""", 404, "SESSION_NOT_FOUND" },
        { "POST", "/api/v1/rides/{ride}/interest", """{"sessionId":"{session}","fingerprint":"f"}""", 400, "VALIDATION_FAILED" },
        { "POST", "/api/v1/rides/{ride}/interest", """{"fingerprint":"x\u001b[31m"}""", 400, "VALIDATION_FAILED" },
        { "POST", "/api/v1/rides/{ride}/interest", $$"""{"fingerprint":"{{Long201}}"}""", 400, "VALIDATION_FAILED" },
        { "POST", "/api/v1/rides/{ride}/interest", $$"""{"fingerprint":"{{Injection}}"}""", 200, "" },
        // DELETE /api/v1/rides/{id}/interest
        { "DELETE", "/api/v1/rides/{ride}/interest", "{}", 400, "VALIDATION_FAILED" },
        { "DELETE", "/api/v1/rides/{ride}/interest", """{"sessionId":[1]}""", 400, "MALFORMED_JSON" },
        { "DELETE", "/api/v1/rides/{ride}/interest", "", 400, "BAD_REQUEST" },
        { "DELETE", "/api/v1/rides/{ride}/interest", """{"sessionId":"{unknown}"}""", 404, "SESSION_NOT_FOUND" },
        { "DELETE", "/api/v1/rides/{unknown}/interest", """{"sessionId":"{session}"}""", 404, "RIDE_NOT_FOUND" },
        // POST /api/v1/demand
        { "POST", "/api/v1/demand", Demand(start: Point(lat: "91")), 400, "VALIDATION_FAILED" },
        { "POST", "/api/v1/demand", Demand(end: Point(lng: "-180.0001")), 400, "VALIDATION_FAILED" },
        { "POST", "/api/v1/demand", Demand(start: Point(lat: "true")), 400, "MALFORMED_JSON" },
        { "POST", "/api/v1/demand", Demand(start: Point(lat: "NaN")), 400, "MALFORMED_JSON" },
        { "POST", "/api/v1/demand", Demand(start: Point(lat: "1e999")), 400, "VALIDATION_FAILED" }, // read as +Infinity, out of range
        { "POST", "/api/v1/demand", Demand(start: "null"), 400, "VALIDATION_FAILED" },
        { "POST", "/api/v1/demand", Demand(start: "[52.5,13.4]"), 400, "MALFORMED_JSON" },
        { "POST", "/api/v1/demand", Demand(start: Point(lat: "-6.2088", lng: "106.8456")), 400, "VALIDATION_FAILED" },
        { "POST", "/api/v1/demand", Demand(days: "[7]"), 400, "VALIDATION_FAILED" },
        { "POST", "/api/v1/demand", Demand(days: "[-1]"), 400, "VALIDATION_FAILED" },
        { "POST", "/api/v1/demand", Demand(days: "[1,1]"), 400, "VALIDATION_FAILED" },
        { "POST", "/api/v1/demand", Demand(days: "[0,1,2,3,4,5,6,0]"), 400, "VALIDATION_FAILED" },
        { "POST", "/api/v1/demand", Demand(days: "[\"monday\"]"), 400, "MALFORMED_JSON" },
        { "POST", "/api/v1/demand", Demand(days: "[1.5]"), 400, "MALFORMED_JSON" },
        { "POST", "/api/v1/demand", Demand(ranges: """["09:00-07:00"]"""), 400, "VALIDATION_FAILED" },
        { "POST", "/api/v1/demand", Demand(ranges: """["07:00-07:00"]"""), 400, "VALIDATION_FAILED" },
        { "POST", "/api/v1/demand", Demand(ranges: """["24:00-25:00"]"""), 400, "VALIDATION_FAILED" },
        { "POST", "/api/v1/demand", Demand(ranges: """["7-9"]"""), 400, "VALIDATION_FAILED" },
        { "POST", "/api/v1/demand", Demand(ranges: """["07:00-09:00\u0000"]"""), 400, "VALIDATION_FAILED" },
        { "POST", "/api/v1/demand", Demand(ranges: "[" + string.Join(",", Enumerable.Repeat("\"07:00-08:00\"", 11)) + "]"), 400, "VALIDATION_FAILED" },
        { "POST", "/api/v1/demand", Demand(ranges: "[7]"), 400, "MALFORMED_JSON" },
        { "POST", "/api/v1/demand", Demand(start: Point(address: $"\"{Long201}\"")), 400, "VALIDATION_FAILED" },
        { "POST", "/api/v1/demand", Demand(end: Point(address: "\"a\\u0007b\"")), 400, "VALIDATION_FAILED" },
        { "POST", "/api/v1/demand", Demand(start: Point(address: "\"line\\nbreak\"")), 400, "VALIDATION_FAILED" },
        { "POST", "/api/v1/demand", Demand(start: Point(address: $"\"{Injection}\"")), 201, "" },
        { "POST", "/api/v1/demand", Demand(region: "\"{unknown}\""), 400, "VALIDATION_FAILED" },
        { "POST", "/api/v1/demand", Demand(region: "\"berlin\""), 400, "MALFORMED_JSON" },
        { "POST", "/api/v1/demand", Demand(region: "null"), 400, "VALIDATION_FAILED" },
        { "POST", "/api/v1/demand", Demand(extra: ""","sessionId":"{unknown}" """), 404, "SESSION_NOT_FOUND" },
        { "POST", "/api/v1/demand", Demand(extra: ""","sessionId":"{session}","fingerprint":"f" """), 400, "VALIDATION_FAILED" },
        { "POST", "/api/v1/demand", Demand(extra: $$""","fingerprint":"{{Long201}}" """), 400, "VALIDATION_FAILED" },
        // GET /api/v1/demand/heatmap
        { "GET", "/api/v1/demand/heatmap", null, 400, "VALIDATION_FAILED" },
        { "GET", "/api/v1/demand/heatmap?regionId=abc", null, 400, "BAD_REQUEST" },
        { "GET", "/api/v1/demand/heatmap?regionId={unknown}", null, 404, "REGION_NOT_FOUND" },
        { "GET", "/api/v1/demand/heatmap?regionId=0192f0a0-0000-7000-8000-000000000001&cell=0", null, 400, "VALIDATION_FAILED" },
        { "GET", "/api/v1/demand/heatmap?regionId=0192f0a0-0000-7000-8000-000000000001&cell=-0.01", null, 400, "VALIDATION_FAILED" },
        { "GET", "/api/v1/demand/heatmap?regionId=0192f0a0-0000-7000-8000-000000000001&cell=1.5", null, 400, "VALIDATION_FAILED" },
        { "GET", "/api/v1/demand/heatmap?regionId=0192f0a0-0000-7000-8000-000000000001&cell=0.0009", null, 400, "VALIDATION_FAILED" },
        { "GET", "/api/v1/demand/heatmap?regionId=0192f0a0-0000-7000-8000-000000000001&cell=abc", null, 400, "BAD_REQUEST" },
        { "GET", "/api/v1/demand/heatmap?regionId=0192f0a0-0000-7000-8000-000000000001&cell=1e400", null, 400, "BAD_REQUEST" },
        { "GET", "/api/v1/demand/heatmap?regionId=0192f0a0-0000-7000-8000-000000000001&cell=0.01;DROP TABLE regions", null, 400, "BAD_REQUEST" },
        { "GET", "/api/v1/demand/heatmap?regionId=0192f0a0-0000-7000-8000-000000000001&cell=0.001", null, 200, "" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Each_hostile_input_gets_its_typed_answer_and_never_a_5xx(string method, string path, string? body, int status, string code)
    {
        var ride = await SqlCatalogRows.InsertRideAsync(Database.DataSource, DateTimeOffset.UtcNow.AddDays(1));
        var session = (await (await Client.PostAsJsonAsync("/api/v1/sessions", new { })).Content.ReadFromJsonAsync<JsonElement>())
            .GetProperty("data").GetProperty("sessionId").GetGuid();
        string Fill(string text) => text.Replace("{ride}", ride.ToString()).Replace("{session}", session.ToString())
            .Replace("{unknown}", Guid.NewGuid().ToString());
        using var request = new HttpRequestMessage(new HttpMethod(method), Fill(path));
        if (body is not null)
        {
            request.Content = new StringContent(Fill(body), Encoding.UTF8, "application/json");
        }

        var response = await Client.SendAsync(request);

        var text = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode == status, $"{(int)response.StatusCode} {text}");
        if (status >= 400)
        {
            Assert.True(code == JsonDocument.Parse(text).RootElement.GetProperty("code").GetString(), text);
        }
    }

    [Fact]
    public async Task Field_errors_name_the_field()
    {
        var outside = await Client.PostAsync("/api/v1/demand", new StringContent(Demand(end: Point(lat: "-6.2088", lng: "106.8456")), Encoding.UTF8, "application/json"));
        var lat = await Client.PostAsync("/api/v1/demand", new StringContent(Demand(start: Point(lat: "91")), Encoding.UTF8, "application/json"));
        var range = await Client.PostAsync("/api/v1/demand", new StringContent(Demand(ranges: """["07:00-08:00","09:00-07:00"]"""), Encoding.UTF8, "application/json"));
        var region = await Client.PostAsync("/api/v1/demand", new StringContent(Demand(region: $"\"{Guid.NewGuid()}\""), Encoding.UTF8, "application/json"));

        Assert.True(await HasErrorForAsync(outside, "end"));
        Assert.True(await HasErrorForAsync(lat, "start.lat"));
        Assert.True(await HasErrorForAsync(range, "preferredTimeRanges[1]"));
        Assert.True(await HasErrorForAsync(region, "regionId"));
    }

    private static async Task<bool> HasErrorForAsync(HttpResponseMessage response, string field) =>
        response.StatusCode == HttpStatusCode.BadRequest
        && (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty(field, out _);
}
