using OrleansRides.Tests.Shared;
using static OrleansRides.FrontendHost.Tests.Accounts;
using static OrleansRides.FrontendHost.Tests.CatalogCalls;
using static OrleansRides.FrontendHost.Tests.SiteCalls;

namespace OrleansRides.FrontendHost.Tests;

/// <summary>Issue 10: a hostile-input table per pages, programmes and announcements endpoint — malformed JSON, wrong types,
/// control characters (U+0000, U+001B, U+202E) in every text field, bad times and days, huge arrays and bodies, links that
/// are not http(s), unknown ids, out-of-range query values. Each answers the typed 4xx in the table, never a 5xx.</summary>
[Collection(FrontendCollection.Name)]
public sealed class SiteHostileInputTests(TestDatabase database) : FrontendTest(database, Frontend())
{
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await ClearOwnDaysAsync(Database.DataSource);
    }

    public override async Task DisposeAsync()
    {
        await ClearOwnDaysAsync(Database.DataSource);
        await base.DisposeAsync();
    }

    private Task AssertOutcomesAsync(HttpMethod method, string? token, params (string Path, string? Json, string Expected)[] cases) =>
        HostileTables.AssertOutcomesAsync(Client, method, token, cases);

    private static IEnumerable<(string, string?, string)> ControlCharacterCases(string path, string field, Func<string, string> body) =>
        HostileTables.ControlCharacters.Select(c => (path, (string?)body($"a{c}b"), $"400 VALIDATION_FAILED {field}"));

    [Fact]
    public async Task Pages()
    {
        var admin = await AdminTokenAsync(Client);
        var page = await CreatePageAsync(Client, admin);
        await AssertOutcomesAsync(HttpMethod.Post, admin,
        [
            ("/api/v1/pages", """{"title":"T","content":"<p>x</p>" """, "400 MALFORMED_JSON "),
            ("/api/v1/pages", """{"title":5,"content":"<p>x</p>"}""", "400 MALFORMED_JSON title"),
            ("/api/v1/pages", """{"title":"T","content":["x"]}""", "400 MALFORMED_JSON content"),
            ("/api/v1/pages", """{"content":"<p>x</p>"}""", "400 VALIDATION_FAILED title"),
            ("/api/v1/pages", """{"title":"T"}""", "400 VALIDATION_FAILED content"),
            ("/api/v1/pages", $$"""{"title":"{{new string('t', 201)}}","content":"x"}""", "400 VALIDATION_FAILED title"),
            ("/api/v1/pages", """{"title":"T","slug":"Not A Slug","content":"x"}""", "400 VALIDATION_FAILED slug"),
            ("/api/v1/pages", """{"title":"ÄÖÜ???","content":"x"}""".Replace("ÄÖÜ", "日本語", StringComparison.Ordinal), "400 VALIDATION_FAILED slug"),
            ("/api/v1/pages", $$"""{"title":"T","slug":"{{page}}","content":"x"}""", "409 SLUG_TAKEN"),
            ("/api/v1/pages", $$"""{"title":"T","content":"{{new string('x', 200_001)}}"}""", "400 VALIDATION_FAILED content"),
            // Over the 1 MB body limit: Kestrel answers 413 PAYLOAD_TOO_LARGE; the test server has no body limit, so the
            // content rule answers.
            ("/api/v1/pages", $$"""{"title":"T","content":"{{new string('x', 1_100_000)}}"}""", "400 VALIDATION_FAILED content"),
            .. ControlCharacterCases("/api/v1/pages", "title", v => $$"""{"title":"{{v}}","content":"x"}"""),
            .. ControlCharacterCases("/api/v1/pages", "content", v => $$"""{"title":"T","content":"{{v}}"}"""),
        ]);
        await AssertOutcomesAsync(HttpMethod.Put, admin,
        [
            ("/api/v1/pages/no-such-page", """{"title":"T"}""", "404 PAGE_NOT_FOUND"),
            ("/api/v1/pages/..%2F..%2Fetc", """{"title":"T"}""", "404 PAGE_NOT_FOUND"),
            ($"/api/v1/pages/{page}", """{"title":""}""", "400 VALIDATION_FAILED title"),
            ($"/api/v1/pages/{page}", """{"title":null,"content":7}""", "400 MALFORMED_JSON content"),
            .. ControlCharacterCases($"/api/v1/pages/{page}", "title", v => $$"""{"title":"{{v}}"}"""),
        ]);
        await AssertOutcomesAsync(HttpMethod.Get, null,
            ("/api/v1/pages/no-such-page", null, "404 PAGE_NOT_FOUND"), ("/api/v1/pages/%1B%E2%80%AE", null, "404 PAGE_NOT_FOUND"),
            ($"/api/v1/pages/{new string('a', 5000)}", null, "404 PAGE_NOT_FOUND"));
        await AssertOutcomesAsync(HttpMethod.Delete, admin, ("/api/v1/pages/no-such-page", null, "404 PAGE_NOT_FOUND"));
    }

    [Fact]
    public async Task Programmes()
    {
        var admin = await AdminTokenAsync(Client);
        var member = (await SignUpAsync(Client)).Token;
        var memberId = (await SignUpAsync(Client)).Id;
        var program = await CreateProgramAsync(Client, admin, """[{"dayOfWeek":5,"start":"10:00","end":"12:00"}]""");
        static string Show(string extra) => $$"""{"name":"{{Unique("Show")}}","type":"music"{{extra}}}""";
        await AssertOutcomesAsync(HttpMethod.Post, admin,
        [
            ("/api/v1/programs", """{"name":"x", """, "400 MALFORMED_JSON "),
            ("/api/v1/programs", """{"name":"Show","type":["music"]}""", "400 MALFORMED_JSON type"),
            ("/api/v1/programs", """{"type":"music"}""", "400 VALIDATION_FAILED name"),
            ("/api/v1/programs", """{"name":"Show"}""", "400 VALIDATION_FAILED type"),
            ("/api/v1/programs", Show($$""","type":"{{new string('t', 51)}}" """).Replace("\"type\":\"music\",", "", StringComparison.Ordinal), "400 VALIDATION_FAILED type"),
            ("/api/v1/programs", Show(""","slots":[{"dayOfWeek":0,"start":"10:00","end":"11:00"}]"""), "400 VALIDATION_FAILED slots[0].dayOfWeek"),
            ("/api/v1/programs", Show(""","slots":[{"dayOfWeek":8,"start":"10:00","end":"11:00"}]"""), "400 VALIDATION_FAILED slots[0].dayOfWeek"),
            ("/api/v1/programs", Show(""","slots":[{"dayOfWeek":"monday","start":"10:00","end":"11:00"}]"""), "400 MALFORMED_JSON slots[0].dayOfWeek"),
            ("/api/v1/programs", Show(""","slots":[{"dayOfWeek":4,"start":"25:00","end":"11:00"}]"""), "400 VALIDATION_FAILED slots[0].start"),
            ("/api/v1/programs", Show(""","slots":[{"dayOfWeek":4,"start":"10:00","end":"10:60"}]"""), "400 VALIDATION_FAILED slots[0].end"),
            ("/api/v1/programs", Show(""","slots":[{"dayOfWeek":4,"start":"10:00","end":"10:00"}]"""), "400 VALIDATION_FAILED slots[0].end"),
            ("/api/v1/programs", Show(""","slots":[{"dayOfWeek":4}]"""), "400 VALIDATION_FAILED slots[0].end slots[0].start"),
            ("/api/v1/programs", Show(""","slots":[null]"""), "400 VALIDATION_FAILED slots[0]"),
            ("/api/v1/programs", Show(""","slots":{"dayOfWeek":4}"""), "400 MALFORMED_JSON slots"),
            ("/api/v1/programs", Show($$""","slots":[{{string.Join(',', Enumerable.Range(0, 5000).Select(_ => """{"dayOfWeek":4,"start":"10:00","end":"11:00"}"""))}}]"""), "400 VALIDATION_FAILED slots"),
            ("/api/v1/programs", Show(""","slots":[{"dayOfWeek":5,"start":"11:00","end":"13:00"}]"""), "409 SLOT_OVERLAP"),
            ("/api/v1/programs", Show(""","slots":[{"dayOfWeek":6,"start":"23:00","end":"01:00"},{"dayOfWeek":7,"start":"00:30","end":"02:00"}]"""), "409 SLOT_OVERLAP"),
            ("/api/v1/programs", Show($$""","hostUserId":"{{memberId}}" """), "400 VALIDATION_FAILED hostUserId"),
            ("/api/v1/programs", Show($$""","hostUserId":"{{Guid.NewGuid()}}" """), "400 VALIDATION_FAILED hostUserId"),
            ("/api/v1/programs", Show(""","hostUserId":"rina" """), "400 MALFORMED_JSON hostUserId"),
            ("/api/v1/programs", Show($$""","hostUserId":"{{memberId}}","hostName":"Guest" """), "400 VALIDATION_FAILED hostName"),
            ("/api/v1/programs", Show(""","slug":"UPPER" """), "400 VALIDATION_FAILED slug"),
            .. ControlCharacterCases("/api/v1/programs", "name", v => $$"""{"name":"{{v}}","type":"music"}"""),
            .. ControlCharacterCases("/api/v1/programs", "type", v => $$"""{"name":"{{Unique("Show")}}","type":"{{v}}"}"""),
            .. ControlCharacterCases("/api/v1/programs", "description", v => Show($$""","description":"{{v}}" """)),
            .. ControlCharacterCases("/api/v1/programs", "hostName", v => Show($$""","hostName":"{{v}}" """)),
        ]);
        await AssertOutcomesAsync(HttpMethod.Put, admin,
            ($"/api/v1/programs/{Guid.NewGuid()}", """{"name":"X"}""", "404 PROGRAM_NOT_FOUND"),
            ("/api/v1/programs/not-a-guid", """{"name":"X"}""", "404 NOT_FOUND"),
            ($"/api/v1/programs/{program}", """{"name":""}""", "400 VALIDATION_FAILED name"),
            ($"/api/v1/programs/{program}", """{"slots":[{"dayOfWeek":5,"start":"11:00","end":"13:00"}]}""", "200"),
            ($"/api/v1/programs/{program}", """{"slots":[{"dayOfWeek":5,"start":"9:00","end":"13:00"}]}""", "400 VALIDATION_FAILED slots[0].start"));
        await AssertOutcomesAsync(HttpMethod.Get, null,
            ("/api/v1/programs/schedule?weekOffset=53", null, "400 VALIDATION_FAILED weekOffset"),
            ("/api/v1/programs/schedule?weekOffset=-53", null, "400 VALIDATION_FAILED weekOffset"),
            ("/api/v1/programs/schedule?weekOffset=52", null, "200"),
            ("/api/v1/programs/schedule?weekOffset=-52", null, "200"),
            ("/api/v1/programs/schedule?weekOffset=abc", null, "400 BAD_REQUEST"),
            ("/api/v1/programs/schedule?weekOffset=99999999999", null, "400 BAD_REQUEST"),
            ("/api/v1/programs/schedule?type=%1B", null, "400 VALIDATION_FAILED type"),
            ("/api/v1/programs?type=%00", null, "400 VALIDATION_FAILED type"),
            ($"/api/v1/programs?type={new string('t', 51)}", null, "400 VALIDATION_FAILED type"),
            ($"/api/v1/programs/{Guid.NewGuid()}", null, "404 PROGRAM_NOT_FOUND"));
        await AssertOutcomesAsync(HttpMethod.Delete, admin, ($"/api/v1/programs/{Guid.NewGuid()}", null, "404 PROGRAM_NOT_FOUND"));
        await AssertOutcomesAsync(HttpMethod.Post, member, ("/api/v1/programs", Show(""), "403 FORBIDDEN"));
    }

    [Fact]
    public async Task Announcements()
    {
        var admin = await AdminTokenAsync(Client);
        var announcement = await CreateAnnouncementAsync(Client, admin);
        await AssertOutcomesAsync(HttpMethod.Post, admin,
        [
            ("/api/v1/announcements", """{"text":""", "400 MALFORMED_JSON text"),
            ("/api/v1/announcements", """{"text":true}""", "400 MALFORMED_JSON text"),
            ("/api/v1/announcements", """{}""", "400 VALIDATION_FAILED text"),
            ("/api/v1/announcements", $$"""{"text":"{{new string('t', 501)}}"}""", "400 VALIDATION_FAILED text"),
            ("/api/v1/announcements", """{"text":"T","link":"javascript:alert(1)"}""", "400 VALIDATION_FAILED link"),
            ("/api/v1/announcements", """{"text":"T","link":"data:text/html,x"}""", "400 VALIDATION_FAILED link"),
            ("/api/v1/announcements", """{"text":"T","link":"/relative"}""", "400 VALIDATION_FAILED link"),
            ("/api/v1/announcements", """{"text":"T","link":"ftp://example.org"}""", "400 VALIDATION_FAILED link"),
            ("/api/v1/announcements", """{"text":"T","link":"https://example.org/ok"}""", "201"),
            ("/api/v1/announcements", """{"text":"T","visibleFrom":"yesterday"}""", "400 MALFORMED_JSON visibleFrom"),
            ("/api/v1/announcements", """{"text":"T","visibleFrom":"2027-01-02T00:00:00Z","visibleUntil":"2027-01-01T00:00:00Z"}""", "400 VALIDATION_FAILED visibleUntil"),
            ("/api/v1/announcements", """{"text":"T","visibleUntil":"2001-01-01T00:00:00Z"}""", "400 VALIDATION_FAILED visibleUntil"),
            .. ControlCharacterCases("/api/v1/announcements", "text", v => $$"""{"text":"{{v}}"}"""),
            .. ControlCharacterCases("/api/v1/announcements", "link", v => $$"""{"text":"T","link":"https://example.org/{{v}}"}"""),
        ]);
        await AssertOutcomesAsync(HttpMethod.Put, admin,
            ($"/api/v1/announcements/{Guid.NewGuid()}", """{"text":"X"}""", "404 ANNOUNCEMENT_NOT_FOUND"),
            ($"/api/v1/announcements/{announcement}", """{"visibleUntil":"2001-01-01T00:00:00Z"}""", "400 VALIDATION_FAILED visibleUntil"),
            ($"/api/v1/announcements/{announcement}", """{"link":"javascript:x"}""", "400 VALIDATION_FAILED link"));
        await AssertOutcomesAsync(HttpMethod.Get, null,
            ("/api/v1/announcements?all=yes", null, "400 BAD_REQUEST"),
            ("/api/v1/announcements?all=true", null, "401 UNAUTHORIZED"));
        await AssertOutcomesAsync(HttpMethod.Delete, admin, ($"/api/v1/announcements/{Guid.NewGuid()}", null, "404 ANNOUNCEMENT_NOT_FOUND"));
    }

    [Fact]
    public async Task A_station_time_zone_that_TZDB_does_not_know_stops_the_frontend_at_start()
    {
        await using var factory = Frontend().With("Site:TimeZone", "Mars/Olympus_Mons");

        var failure = Record.Exception(() => factory.CreateClient());

        Assert.Contains("Site:TimeZone", failure?.ToString());
    }
}
