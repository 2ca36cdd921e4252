using OrleansRides.Tests.Shared;
using static OrleansRides.FrontendHost.Tests.Accounts;
using static OrleansRides.FrontendHost.Tests.CatalogCalls;

namespace OrleansRides.FrontendHost.Tests;

/// <summary>Issue 9: a hostile-input table per catalog endpoint — wrong types, unknown ids, oversize strings and arrays,
/// bad RRULEs and time zones, out-of-range coordinates, injection-shaped strings. Each answer is the typed 4xx (or, for
/// text that is merely odd, the success) in the table; never a 5xx.</summary>
[Collection(FrontendCollection.Name)]
public sealed class CatalogHostileInputTests(TestDatabase database) : FrontendTest(database, Frontend())
{
    private const string Injection = "'; DROP TABLE routes; --";
    private static readonly string Unknown = Guid.NewGuid().ToString();

    /// <summary>Sends each case; fails listing every case whose outcome differs from the table.</summary>
    private async Task AssertOutcomesAsync(HttpMethod method, string? token, string? leaderKey, params (string Path, string? Json, string Expected)[] cases)
    {
        var wrong = new List<string>();
        foreach (var (path, json, expected) in cases)
        {
            var actual = await OutcomeAsync(await CallAsync(Client, method, path, token, json, leaderKey));
            if (actual != expected)
            {
                wrong.Add($"{method} {path} {json?[..Math.Min(json.Length, 120)]}: expected {expected}, got {actual}");
            }
        }
        Assert.True(wrong.Count == 0, string.Join(Environment.NewLine, wrong));
    }

    private static string Route(string extra) => RouteJson("Hostile", extra);

    [Fact]
    public async Task Creating_routes()
    {
        await AssertOutcomesAsync(HttpMethod.Post, null, null,
            ("/api/v1/routes", Route(""","regionId":"berlin" """), "400 MALFORMED_JSON regionId"),
            ("/api/v1/routes", Route($$""","regionId":"{{Unknown}}" """), "400 VALIDATION_FAILED regionId"),
            ("/api/v1/routes", """{"name":"No region","departureTime":"07:30","waypoints":[{"lat":1,"lng":1}]}""", "400 VALIDATION_FAILED regionId"),
            ("/api/v1/routes", Route($$""","tagIds":["{{Unknown}}"]"""), "400 VALIDATION_FAILED tagIds"),
            ("/api/v1/routes", Route(""","tagIds":"commute" """), "400 MALFORMED_JSON tagIds"),
            ("/api/v1/routes", Route($$""","tagIds":[{{string.Join(',', Enumerable.Range(0, 11).Select(_ => $"\"{Guid.NewGuid()}\""))}}]"""), "400 VALIDATION_FAILED tagIds"),
            ("/api/v1/routes", Route(""","estimatedDuration":true"""), "400 VALIDATION_FAILED estimatedDuration"),
            ("/api/v1/routes", Route(""","estimatedDuration":"PT49H" """), "400 VALIDATION_FAILED estimatedDuration"),
            ("/api/v1/routes", Route(""","estimatedDuration":1e400"""), "400 VALIDATION_FAILED estimatedDuration"),
            ("/api/v1/routes", Route(""","estimatedDuration":"01:04" """), "400 VALIDATION_FAILED estimatedDuration"),
            ("/api/v1/routes", Route(""","recurrenceRule":"FREQ=HOURLY" """), "400 VALIDATION_FAILED recurrenceRule"),
            ("/api/v1/routes", Route(""","recurrenceRule":"FREQ=DAILY;COUNT=3;UNTIL=20270101T000000Z" """), "400 VALIDATION_FAILED recurrenceRule"),
            ("/api/v1/routes", Route($$""","recurrenceRule":"FREQ=WEEKLY;BYDAY={{string.Join(',', Enumerable.Repeat("MO", 400))}}" """), "400 VALIDATION_FAILED recurrenceRule"),
            ("/api/v1/routes", Route($$""","recurrenceRule":"{{Injection}}" """), "400 VALIDATION_FAILED recurrenceRule"),
            ("/api/v1/routes", Route(""","isRecurring":true"""), "400 VALIDATION_FAILED recurrenceRule"),
            ("/api/v1/routes", Route(""","isRecurring":"yes" """), "400 MALFORMED_JSON isRecurring"),
            ("/api/v1/routes", Route(""","recurrenceEndDate":"31/12/2027","recurrenceRule":"FREQ=DAILY" """), "400 MALFORMED_JSON recurrenceEndDate"),
            ("/api/v1/routes", Route(""","neighborhood":"%_%_" """).Replace("52.5", "-91", StringComparison.Ordinal), "400 VALIDATION_FAILED waypoints[0].lat"),
            ("/api/v1/routes", Route($$""","neighborhood":"{{new string('n', 5000)}}" """), "400 VALIDATION_FAILED neighborhood"),
            ("/api/v1/routes", Route(""","neighborhood":["a"]"""), "400 MALFORMED_JSON neighborhood"),
            ("/api/v1/routes", RouteJson(Injection, $$""","neighborhood":"%_","description":"{{Injection}}" """), "201"));
    }

    [Fact]
    public async Task Listing_routes()
    {
        await AssertOutcomesAsync(HttpMethod.Get, null, null,
            ("/api/v1/routes?limit=0", null, "400 VALIDATION_FAILED limit"),
            ("/api/v1/routes?limit=101", null, "400 VALIDATION_FAILED limit"),
            ("/api/v1/routes?offset=-1", null, "400 VALIDATION_FAILED offset"),
            ("/api/v1/routes?limit=many", null, "400 BAD_REQUEST"),
            ("/api/v1/routes?regionId=berlin", null, "400 BAD_REQUEST"),
            ("/api/v1/routes?tagIds=commute,night", null, "400 VALIDATION_FAILED tagIds"),
            ($"/api/v1/routes?tagIds={string.Join(',', Enumerable.Range(0, 11).Select(_ => Guid.NewGuid()))}", null, "400 VALIDATION_FAILED tagIds"),
            ("/api/v1/routes?status=everything", null, "400 VALIDATION_FAILED status"),
            ("/api/v1/routes?status=archived", null, "403 STATUS_FOR_STAFF_ONLY"),
            ($"/api/v1/routes?q={new string('q', 101)}", null, "400 VALIDATION_FAILED q"),
            ("/api/v1/routes?q=%00x", null, "400 VALIDATION_FAILED q"),
            ($"/api/v1/routes?q={Uri.EscapeDataString(Injection)}", null, "200"),
            ("/api/v1/routes?q=%25_%5C", null, "200"),
            ($"/api/v1/routes?regionId={Unknown}&tagIds={Unknown}", null, "200"));
    }

    [Fact]
    public async Task Updating_archiving_and_reviewing_routes()
    {
        var route = await CreateRouteAsync(Client, null);
        var id = route.GetProperty("id").GetGuid();
        var key = route.GetProperty("leaderKey").GetString();
        var inactive = await CallAsync(Client, HttpMethod.Post, "/api/v1/tags", await AdminTokenAsync(Client), $$"""{"name":"Old {{Guid.NewGuid():N}}","isActive":false}""");
        var inactiveId = System.Text.Json.JsonDocument.Parse(await inactive.Content.ReadAsStringAsync()).RootElement.GetProperty("data").GetProperty("id").GetString();

        await AssertOutcomesAsync(HttpMethod.Put, null, key,
            ($"/api/v1/routes/{id}", $$"""{"regionId":"{{Unknown}}"}""", "400 VALIDATION_FAILED regionId"),
            ($"/api/v1/routes/{id}", $$"""{"tagIds":["{{inactiveId}}"]}""", "400 VALIDATION_FAILED tagIds"),
            ($"/api/v1/routes/{id}", """{"recurrenceRule":"FREQ=MINUTELY"}""", "400 VALIDATION_FAILED recurrenceRule"),
            ($"/api/v1/routes/{id}", """{"isRecurring":false,"recurrenceRule":"FREQ=DAILY"}""", "400 VALIDATION_FAILED recurrenceRule"),
            ($"/api/v1/routes/{id}", """{"estimatedDuration":"abc"}""", "400 VALIDATION_FAILED estimatedDuration"),
            ($"/api/v1/routes/{id}", """{"name":""}""", "400 VALIDATION_FAILED name"),
            ($"/api/v1/routes/{id}", """{"waypoints":[]}""", "400 VALIDATION_FAILED waypoints"),
            ($"/api/v1/routes/{id}", """{"waypoints":[{"lat":0,"lng":180.5}]}""", "400 VALIDATION_FAILED waypoints[0].lng"),
            ($"/api/v1/routes/{id}", """{"departureTime":7}""", "400 MALFORMED_JSON departureTime"),
            ($"/api/v1/routes/{Unknown}", """{"name":"x"}""", "404 ROUTE_NOT_FOUND"),
            ($"/api/v1/routes/{id}", $$"""{"description":"{{Injection}} %_"}""", "200"));
        await AssertOutcomesAsync(HttpMethod.Put, null, new string('k', 10_000), ($"/api/v1/routes/{id}", """{"name":"x"}""", "403 NOT_ROUTE_MANAGER"));
        await AssertOutcomesAsync(HttpMethod.Delete, null, key, ($"/api/v1/routes/{Unknown}", null, "404 ROUTE_NOT_FOUND"));

        var editor = await WithRoleAsync(Client, "editor");
        await AssertOutcomesAsync(HttpMethod.Post, editor, null,
            ($"/api/v1/routes/{id}/review", """{"decision":"maybe"}""", "400 VALIDATION_FAILED decision"),
            ($"/api/v1/routes/{id}/review", """{"decision":5}""", "400 MALFORMED_JSON decision"),
            ($"/api/v1/routes/{id}/review", $$"""{"decision":"reject","reason":"{{new string('r', 501)}}"}""", "400 VALIDATION_FAILED reason"),
            ($"/api/v1/routes/{Unknown}/review", """{"decision":"approve"}""", "404 ROUTE_NOT_FOUND"),
            ($"/api/v1/routes/{id}/review", $$"""{"decision":"reject","reason":"{{Injection}}"}""", "200"));
    }

    [Fact]
    public async Task Writing_regions_and_tags()
    {
        var admin = await AdminTokenAsync(Client);
        string Region(string name, string zone, string center, string extra = "") =>
            $$$"""{"name":"{{{name}}}","timeZone":"{{{zone}}}","center":{{{center}}}{{{extra}}}}""";
        var unique = $"Hostile {Guid.NewGuid():N}";

        await AssertOutcomesAsync(HttpMethod.Post, admin, null,
            ("/api/v1/regions", Region(unique, "Mars/Olympus_Mons", """{"lat":1,"lng":1}"""), "400 VALIDATION_FAILED timeZone"),
            ("/api/v1/regions", Region(unique, Injection, """{"lat":1,"lng":1}"""), "400 VALIDATION_FAILED timeZone"),
            ("/api/v1/regions", Region(unique, "Europe/Berlin", """{"lat":200,"lng":1}"""), "400 VALIDATION_FAILED center.lat"),
            ("/api/v1/regions", Region(unique, "Europe/Berlin", """{"lat":"north","lng":1}"""), "400 MALFORMED_JSON center.lat"),
            ("/api/v1/regions", Region(unique, "Europe/Berlin", "null"), "400 VALIDATION_FAILED center"),
            ("/api/v1/regions", Region(unique, "Europe/Berlin", """{"lat":1,"lng":1}""", ""","bounds":{"south":10,"west":1,"north":5,"east":2}"""), "400 VALIDATION_FAILED bounds.north"),
            ("/api/v1/regions", Region(unique, "Europe/Berlin", """{"lat":1,"lng":1}""", ""","slug":"Bad Slug" """), "400 VALIDATION_FAILED slug"),
            ("/api/v1/regions", Region(unique, "Europe/Berlin", """{"lat":1,"lng":1}""", ""","slug":"berlin" """), "409 SLUG_TAKEN"),
            ("/api/v1/regions", Region("!!!", "Europe/Berlin", """{"lat":1,"lng":1}"""), "400 VALIDATION_FAILED slug"),
            ("/api/v1/regions", Region(new string('n', 5000), "Europe/Berlin", """{"lat":1,"lng":1}"""), "400 VALIDATION_FAILED name"),
            ("/api/v1/tags", """{"name":"Commute","slug":"commute"}""", "409 SLUG_TAKEN"),
            ("/api/v1/tags", """{"name":""}""", "400 VALIDATION_FAILED name"),
            ("/api/v1/tags", """{"name":"x","isActive":"yes"}""", "400 MALFORMED_JSON isActive"),
            ("/api/v1/tags", $$"""{"name":"{{Injection}}","slug":"{{Injection}}"}""", "400 VALIDATION_FAILED slug"));
        await AssertOutcomesAsync(HttpMethod.Put, admin, null,
            ($"/api/v1/regions/{Unknown}", Region(unique, "Europe/Berlin", """{"lat":1,"lng":1}"""), "404 REGION_NOT_FOUND"),
            ($"/api/v1/tags/{Unknown}", """{"name":"Nowhere"}""", "404 TAG_NOT_FOUND"));
        await AssertOutcomesAsync(HttpMethod.Delete, admin, null,
            ($"/api/v1/regions/{SeededCatalog.Berlin}", null, "409 REGION_IN_USE"),
            ($"/api/v1/regions/{Unknown}", null, "404 REGION_NOT_FOUND"),
            ($"/api/v1/tags/{Unknown}", null, "404 TAG_NOT_FOUND"));
        await AssertOutcomesAsync(HttpMethod.Get, null, null,
            ("/api/v1/regions/berlin", null, "404 NOT_FOUND"),
            ($"/api/v1/regions/{Unknown}", null, "404 REGION_NOT_FOUND"),
            ("/api/v1/tags?isActive=maybe", null, "400 BAD_REQUEST"));
    }
}
