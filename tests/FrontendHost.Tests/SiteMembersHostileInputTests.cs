using System.Text;
using OrleansRides.Tests.Shared;
using static OrleansRides.FrontendHost.Tests.Accounts;
using static OrleansRides.FrontendHost.Tests.CatalogCalls;
using static OrleansRides.FrontendHost.Tests.HostileTables;
using static OrleansRides.FrontendHost.Tests.SiteMembersCalls;

namespace OrleansRides.FrontendHost.Tests;

/// <summary>Issue 10: a hostile-input table per membership, testimonial and staff-queue endpoint — malformed JSON, wrong
/// types, control characters (U+0000, U+001B, U+202E) in every text field, oversize fields and bodies, unknown ids and
/// tiers, out-of-range paging. Each answer is the typed 4xx in the table (or, for text that is merely odd, the success);
/// never a 5xx.</summary>
[Collection(FrontendCollection.Name)]
public sealed class SiteMembersHostileInputTests(TestDatabase database) : FrontendTest(database, Unlimited())
{
    private const string Injection = "'; DROP TABLE testimonials; --";
    private Task AssertOutcomesAsync(HttpMethod method, string? token, params (string Path, string? Json, string Expected)[] cases) =>
        HostileTables.AssertOutcomesAsync(Client, method, token, cases);

    private static string Registration(string field = "", string value = "") =>
        Body(new() { ["name"] = "Budi", ["email"] = "budi@example.org", ["phone"] = "+62 21 555-1234", ["partnershipType"] = "sahabat", ["message"] = "Halo" },
            field, value);

    private static string Testimonial(string field = "", string value = "") =>
        Body(new() { ["name"] = "Ibu Sari", ["text"] = "Terima kasih.", ["location"] = "Bandung" }, field, value);

    /// <summary>A JSON object of string fields with <paramref name="field"/> replaced by <paramref name="json"/>'s raw
    /// string content (escapes such as <c>\u0000</c> kept as written).</summary>
    private static string Body(Dictionary<string, string> fields, string field, string json)
    {
        if (field.Length > 0)
        {
            fields[field] = json;
        }
        return "{" + string.Join(',', fields.Select(f => $"\"{f.Key}\":\"{f.Value}\"")) + "}";
    }

    [Fact]
    public async Task Registering()
    {
        const string Path = "/api/v1/membership/register";
        await AssertOutcomesAsync(HttpMethod.Post, null,
        [
            (Path, """{"name":"Budi","email":""", "400 MALFORMED_JSON email"),
            (Path, """{"name":5,"email":"budi@example.org","partnershipType":"sahabat"}""", "400 MALFORMED_JSON name"),
            (Path, """{"name":"Budi","email":["budi@example.org"],"partnershipType":"sahabat"}""", "400 MALFORMED_JSON email"),
            (Path, """{"name":"Budi","email":"budi@example.org","phone":62215551234,"partnershipType":"sahabat"}""", "400 MALFORMED_JSON phone"),
            (Path, """{"name":"Budi","email":"budi@example.org","partnershipType":true}""", "400 MALFORMED_JSON partnershipType"),
            (Path, """{"name":"Budi","email":"budi@example.org","partnershipType":"sahabat","message":{"text":"x"}}""", "400 MALFORMED_JSON message"),
            // The wrong type is the whole body: the problem names the root, an empty path.
            (Path, "[]", "400 MALFORMED_JSON "),
            (Path, "{}", "400 VALIDATION_FAILED email name partnershipType"),
            .. ControlCharacterCases(Path, Registration, "name", "email", "phone", "partnershipType", "message"),
            (Path, Registration("partnershipType", "no-such-tier"), "400 VALIDATION_FAILED partnershipType"),
            (Path, Registration("partnershipType", Injection), "400 VALIDATION_FAILED partnershipType"),
            (Path, Registration("message", new string('m', 2001)), "400 VALIDATION_FAILED message"),
            (Path, Registration("name", new string('n', 101)), "400 VALIDATION_FAILED name"),
            (Path, Registration("name", new string('n', 900_000)), "400 VALIDATION_FAILED name"),
            (Path, Registration("email", "not-an-address"), "400 VALIDATION_FAILED email"),
            (Path, Registration("email", "Budi <budi@example.org>"), "400 VALIDATION_FAILED email"),
            (Path, Registration("phone", "call me maybe"), "400 VALIDATION_FAILED phone"),
            (Path, Registration("phone", new string('1', 31)), "400 VALIDATION_FAILED phone"),
            (Path, Registration("message", new string('m', 2000)), "201"),
            (Path, Registration("message", @"Baris satu\nBaris dua\tdengan tab"), "201"),
            (Path, Registration("name", Injection), "201"),
        ]);
        var text = await Client.PostAsync(Path, new StringContent(Registration(), Encoding.UTF8, "text/plain"));
        Assert.Equal("415 UNSUPPORTED_MEDIA_TYPE", await OutcomeAsync(text));
    }

    [Fact]
    public async Task Submitting_testimonials()
    {
        const string Path = "/api/v1/testimonials";
        await AssertOutcomesAsync(HttpMethod.Post, null,
        [
            (Path, """{"name":"Ann","text":"Hi""", "400 MALFORMED_JSON text"),
            (Path, """{"name":["Ann"],"text":"Hi"}""", "400 MALFORMED_JSON name"),
            (Path, """{"name":"Ann","text":42}""", "400 MALFORMED_JSON text"),
            (Path, """{"name":"Ann","text":"Hi","location":false}""", "400 MALFORMED_JSON location"),
            (Path, "{}", "400 VALIDATION_FAILED name text"),
            (Path, """{"name":" ","text":"\n"}""", "400 VALIDATION_FAILED name text"),
            .. ControlCharacterCases(Path, Testimonial, "name", "text", "location"),
            (Path, Testimonial("text", new string('t', 2001)), "400 VALIDATION_FAILED text"),
            (Path, Testimonial("text", new string('t', 900_000)), "400 VALIDATION_FAILED text"),
            (Path, Testimonial("name", new string('n', 101)), "400 VALIDATION_FAILED name"),
            (Path, Testimonial("location", new string('l', 101)), "400 VALIDATION_FAILED location"),
            (Path, Testimonial("location", @"Kota\nBaru"), "400 VALIDATION_FAILED location"),
            (Path, Testimonial("text", new string('t', 2000)), "201"),
            (Path, Testimonial("text", "<script>alert(1)</script>"), "201"),
            (Path, Testimonial("name", Injection), "201"),
        ]);
    }

    [Fact]
    public async Task Tiers_decisions_and_lists()
    {
        var admin = await AdminTokenAsync(Client);
        var unknown = Guid.NewGuid();
        var tier = await CreateTierAsync(Client, admin);
        var decided = await SubmitTestimonialAsync(Client);
        Assert.Equal("200", await OutcomeAsync(await CallAsync(Client, HttpMethod.Post, $"/api/v1/testimonials/{decided}/approve", admin)));

        await AssertOutcomesAsync(HttpMethod.Post, admin,
        [
            ("/api/v1/membership/tiers", """{"name":"Sahabat lain","slug":"sahabat"}""", "409 SLUG_TAKEN"),
            ("/api/v1/membership/tiers", """{"slug":"no-name"}""", "400 VALIDATION_FAILED name"),
            ("/api/v1/membership/tiers", """{"name":"!!!"}""", "400 VALIDATION_FAILED slug"),
            ("/api/v1/membership/tiers", """{"name":"Ok","benefits":"all of them"}""", "400 MALFORMED_JSON benefits"),
            ("/api/v1/membership/tiers", """{"name":"Ok","position":"first"}""", "400 MALFORMED_JSON position"),
            ("/api/v1/membership/tiers", """{"name":"Ok","benefits":["a\u0000b"]}""", "400 VALIDATION_FAILED benefits[0]"),
            ("/api/v1/membership/tiers", $$"""{"name":"Ok","benefits":[{{string.Join(',', Enumerable.Repeat("\"b\"", 21))}}]}""", "400 VALIDATION_FAILED benefits"),
            .. from field in new[] { "name", "description" }
               from control in ControlCharacters
               select ("/api/v1/membership/tiers", $$"""{"name":"Ok","{{field}}":"a{{control}}b"}""", $"400 VALIDATION_FAILED {field}"),
            ($"/api/v1/testimonials/{unknown}/approve", null, "404 TESTIMONIAL_NOT_FOUND"),
            ($"/api/v1/testimonials/{unknown}/reject", null, "404 TESTIMONIAL_NOT_FOUND"),
            ($"/api/v1/testimonials/{decided}/approve", null, "409 TESTIMONIAL_DECIDED"),
            ($"/api/v1/testimonials/{decided}/reject", null, "409 TESTIMONIAL_DECIDED"),
            ("/api/v1/testimonials/not-a-guid/approve", null, "404 NOT_FOUND"),
        ]);
        await AssertOutcomesAsync(HttpMethod.Put, admin,
        [
            ($"/api/v1/membership/tiers/{unknown}", """{"position":1}""", "404 TIER_NOT_FOUND"),
            ($"/api/v1/membership/tiers/{tier}", """{"slug":"mitra"}""", "409 SLUG_TAKEN"),
            ($"/api/v1/membership/tiers/{tier}", """{"name":""}""", "400 VALIDATION_FAILED name"),
            ($"/api/v1/membership/tiers/{tier}", """{"position":1001}""", "400 VALIDATION_FAILED position"),
            ($"/api/v1/membership/tiers/{tier}", """{"position":1e400}""", "400 MALFORMED_JSON position"),
            ($"/api/v1/membership/tiers/{tier}", $$"""{"description":"{{Injection}}"}""", "200"),
        ]);
        await AssertOutcomesAsync(HttpMethod.Delete, admin, ($"/api/v1/membership/tiers/{unknown}", null, "404 TIER_NOT_FOUND"));
        string[] lists = ["/api/v1/membership/registrations", "/api/v1/testimonials", "/api/v1/testimonials/pending", "/api/v1/services/prayer", "/api/v1/services/song_requests"];
        await AssertOutcomesAsync(HttpMethod.Get, admin,
        [
            .. lists.SelectMany(list => new[]
            {
                ($"{list}?page=0", (string?)null, "400 VALIDATION_FAILED page"),
                ($"{list}?page=-1&limit=51", null, "400 VALIDATION_FAILED limit page"),
                ($"{list}?limit=0", null, "400 VALIDATION_FAILED limit"),
                ($"{list}?limit=many", null, "400 BAD_REQUEST"),
                ($"{list}?page=99999999999", null, "400 BAD_REQUEST"),
                ($"{list}?page=2147483647&limit=50", null, "200"),
                ($"{list}?limit=50", null, "200"),
            }),
            ("/api/v1/services/song_requests?status=played", null, "400 VALIDATION_FAILED status"),
            ("/api/v1/services/song_requests?status=1", null, "400 VALIDATION_FAILED status"),
            ("/api/v1/services/song_requests?status=Pending", null, "400 VALIDATION_FAILED status"),
            ($"/api/v1/services/song_requests?status={Uri.EscapeDataString(Injection)}", null, "400 VALIDATION_FAILED status"),
            ("/api/v1/services/song_requests?status=rejected", null, "200"),
        ]);
    }
}
