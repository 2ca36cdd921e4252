using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using OrleansRides.Tests.Shared;
using static OrleansRides.FrontendHost.Tests.Accounts;
using static OrleansRides.FrontendHost.Tests.CatalogCalls;
using static OrleansRides.FrontendHost.Tests.SiteMembersCalls;

namespace OrleansRides.FrontendHost.Tests;

/// <summary>Issue 10 over HTTP: the shapes of the membership and testimonial answers, a testimonial public after approval
/// and not before, registrations reaching the staff list.</summary>
[Collection(FrontendCollection.Name)]
public sealed class SiteMembersApiTests(TestDatabase database) : FrontendTest(database, Unlimited())
{
    private async Task<JsonElement> GetAsync(string path, string? token)
    {
        var response = await CallAsync(Client, HttpMethod.Get, path, token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    [Fact]
    public async Task A_testimonial_is_public_after_approval_and_not_before()
    {
        var editor = await WithRoleAsync(Client, "editor");
        var name = $"Ibu Sari {Guid.NewGuid():N}";
        var submitted = await CallAsync(Client, HttpMethod.Post, "/api/v1/testimonials", null,
            $$"""{"name":"{{name}}","text":"Siarannya menguatkan saya.","location":"Bandung"}""");
        var receipt = (await submitted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("data");
        var id = receipt.GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.Created, submitted.StatusCode);
        Assert.Equal("pending", receipt.GetProperty("status").GetString());

        bool Public(JsonElement list) => list.GetProperty("data").EnumerateArray().Any(t => t.GetProperty("id").GetGuid() == id);
        Assert.False(Public(await GetAsync("/api/v1/testimonials?limit=50", null)));
        var pending = await GetAsync("/api/v1/testimonials/pending?limit=1", editor);
        var total = pending.GetProperty("pagination").GetProperty("total").GetInt64();
        var last = await GetAsync($"/api/v1/testimonials/pending?limit=1&page={total}", editor);
        Assert.Equal(id, last.GetProperty("data")[0].GetProperty("id").GetGuid());

        var approved = await CallAsync(Client, HttpMethod.Post, $"/api/v1/testimonials/{id}/approve", editor);
        var decided = (await approved.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("data");
        Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
        Assert.Equal(("approved", name, "Bandung"), (decided.GetProperty("status").GetString(), decided.GetProperty("name").GetString(),
            decided.GetProperty("location").GetString()));
        Assert.True(decided.GetProperty("decidedAt").GetDateTimeOffset() >= decided.GetProperty("createdAt").GetDateTimeOffset());

        var list = await GetAsync("/api/v1/testimonials?limit=50", null);
        Assert.True(Public(list));
        var shown = list.GetProperty("data").EnumerateArray().Single(t => t.GetProperty("id").GetGuid() == id);
        Assert.Equal(["createdAt", "id", "location", "name", "text"], shown.EnumerateObject().Select(p => p.Name).Order());
        Assert.Equal(["hasNext", "hasPrev", "limit", "page", "total", "totalPages"],
            list.GetProperty("pagination").EnumerateObject().Select(p => p.Name).Order());
    }

    [Fact]
    public async Task A_registration_for_a_tier_reaches_the_staff_list()
    {
        var admin = await AdminTokenAsync(Client);
        var info = await GetAsync("/api/v1/membership/info", null);
        var tiers = info.GetProperty("data").GetProperty("tiers").EnumerateArray().ToArray();
        Assert.Contains(tiers, t => t.GetProperty("slug").GetString() == "donatur" && t.GetProperty("benefits").GetArrayLength() > 0);

        var email = NewEmail("Partner");
        var registered = await CallAsync(Client, HttpMethod.Post, "/api/v1/membership/register", null,
            $$"""{"name":"Gereja Kasih","email":" {{email}} ","phone":"(021) 555-1234","partnershipType":"mitra","message":"Kami ingin bermitra."}""");
        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        var receipt = (await registered.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("data");
        Assert.Equal(["createdAt", "id"], receipt.EnumerateObject().Select(p => p.Name).Order());

        var list = await GetAsync("/api/v1/membership/registrations?limit=50", admin);
        var stored = list.GetProperty("data").EnumerateArray().Single(r => r.GetProperty("id").GetGuid() == receipt.GetProperty("id").GetGuid());
        Assert.Equal((email.ToLowerInvariant(), "(021) 555-1234", "mitra", "Kami ingin bermitra."),
            (stored.GetProperty("email").GetString(), stored.GetProperty("phone").GetString(), stored.GetProperty("partnershipType").GetString(),
                stored.GetProperty("message").GetString()));
    }

    [Fact]
    public async Task Song_requests_reach_the_staff_queue_without_the_requester_s_session()
    {
        var penyiar = await WithRoleAsync(Client, "penyiar");
        var (member, _) = await SignUpAsync(Client);
        var title = $"Lagu {Guid.NewGuid():N}";
        Assert.Equal("201", await OutcomeAsync(await CallAsync(Client, HttpMethod.Post, "/api/v1/services/song_request", member,
            $$"""{"title":"{{title}}","requesterName":"Ann"}""")));
        Assert.Equal("201", await OutcomeAsync(await CallAsync(Client, HttpMethod.Post, "/api/v1/services/prayer", null,
            """{"request":"Untuk keluarga saya","contact":"ann@example.org"}""")));

        var songs = await GetAsync("/api/v1/services/song_requests?status=pending&limit=50", penyiar);
        var song = songs.GetProperty("data").EnumerateArray().Single(s => s.GetProperty("title").GetString() == title);
        Assert.Equal("pending", song.GetProperty("status").GetString());
        Assert.False(song.TryGetProperty("sessionId", out _));
        var prayers = await GetAsync("/api/v1/services/prayer?limit=50", penyiar);
        Assert.Contains(prayers.GetProperty("data").EnumerateArray(), p => p.GetProperty("request").GetString() == "Untuk keluarga saya");
    }
}
