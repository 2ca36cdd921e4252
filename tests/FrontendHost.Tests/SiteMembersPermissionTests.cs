using OrleansRides.Tests.Shared;
using static OrleansRides.FrontendHost.Tests.Accounts;
using static OrleansRides.FrontendHost.Tests.CatalogCalls;
using static OrleansRides.FrontendHost.Tests.SiteMembersCalls;

namespace OrleansRides.FrontendHost.Tests;

/// <summary>Issue 10: who may use the membership, testimonial and staff-queue endpoints. Tiers, registrations and the
/// testimonial queue: editors and admins. Prayer and song-request queues: admins, editors and DJs (penyiar). Everyone else
/// 403, anonymous callers 401; the public reads and submissions are open to all.</summary>
[Collection(FrontendCollection.Name)]
public sealed class SiteMembersPermissionTests(TestDatabase database) : FrontendTest(database, Unlimited())
{
    [Fact]
    public async Task Staff_endpoints_admit_exactly_their_roles()
    {
        var admin = await AdminTokenAsync(Client);
        var callers = new (string Name, string? Token)[]
        {
            ("anonymous", null), ("member", (await SignUpAsync(Client)).Token), ("penyiar", await WithRoleAsync(Client, "penyiar")),
            ("editor", await WithRoleAsync(Client, "editor")), ("admin", admin),
        };
        var outcomes = new List<string>();
        foreach (var (name, token) in callers)
        {
            var tier = await CreateTierAsync(Client, admin);
            var toApprove = await SubmitTestimonialAsync(Client);
            var toReject = await SubmitTestimonialAsync(Client);
            async Task Call(string what, HttpMethod method, string path, string? json = null) =>
                outcomes.Add($"{name} {what} {await OutcomeAsync(await CallAsync(Client, method, path, token, json))}");

            await Call("create tier", HttpMethod.Post, "/api/v1/membership/tiers", $$"""{"name":"Tier {{Guid.NewGuid():N}}"}""");
            await Call("update tier", HttpMethod.Put, $"/api/v1/membership/tiers/{tier}", """{"position":5}""");
            await Call("delete tier", HttpMethod.Delete, $"/api/v1/membership/tiers/{tier}");
            await Call("list registrations", HttpMethod.Get, "/api/v1/membership/registrations?limit=1");
            await Call("list pending", HttpMethod.Get, "/api/v1/testimonials/pending?limit=1");
            await Call("approve", HttpMethod.Post, $"/api/v1/testimonials/{toApprove}/approve");
            await Call("reject", HttpMethod.Post, $"/api/v1/testimonials/{toReject}/reject");
            await Call("list prayers", HttpMethod.Get, "/api/v1/services/prayer?limit=1");
            await Call("list songs", HttpMethod.Get, "/api/v1/services/song_requests?limit=1&status=pending");
            await Call("info", HttpMethod.Get, "/api/v1/membership/info");
            await Call("register", HttpMethod.Post, "/api/v1/membership/register", """{"name":"Budi","email":"budi@example.org","partnershipType":"sahabat"}""");
            await Call("submit", HttpMethod.Post, "/api/v1/testimonials", """{"name":"Budi","text":"Terima kasih."}""");
            await Call("list approved", HttpMethod.Get, "/api/v1/testimonials?limit=1");
        }

        string[] Expected(string caller, string staffCreate, string staffOk, string staffNoContent, string queues) =>
        [
            $"{caller} create tier {staffCreate}", $"{caller} update tier {staffOk}", $"{caller} delete tier {staffNoContent}",
            $"{caller} list registrations {staffOk}", $"{caller} list pending {staffOk}", $"{caller} approve {staffOk}",
            $"{caller} reject {staffOk}", $"{caller} list prayers {queues}", $"{caller} list songs {queues}",
            $"{caller} info 200", $"{caller} register 201", $"{caller} submit 201", $"{caller} list approved 200",
        ];
        const string Unauthorized = "401 UNAUTHORIZED", Forbidden = "403 FORBIDDEN";
        Assert.Equal(
        [
            .. Expected("anonymous", Unauthorized, Unauthorized, Unauthorized, Unauthorized),
            .. Expected("member", Forbidden, Forbidden, Forbidden, Forbidden),
            .. Expected("penyiar", Forbidden, Forbidden, Forbidden, "200"),
            .. Expected("editor", "201", "200", "204", "200"),
            .. Expected("admin", "201", "200", "204", "200"),
        ], outcomes);
    }
}
