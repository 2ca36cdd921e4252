using System.Net.Http.Json;
using System.Text.Json;
using OrleansRides.Tests.Shared;
using static OrleansRides.FrontendHost.Tests.Accounts;
using static OrleansRides.FrontendHost.Tests.CatalogCalls;

namespace OrleansRides.FrontendHost.Tests;

/// <summary>Issue 9: who may write to the catalog. Staff endpoints: 401 anonymous, 403 members, success for editors and
/// admins. Route changes: the creator, a leader-key holder and staff; everyone else 403 NOT_ROUTE_MANAGER.</summary>
[Collection(FrontendCollection.Name)]
public sealed class CatalogPermissionTests(TestDatabase database) : FrontendTest(database, Frontend())
{
    [Fact]
    public async Task Regions_tags_and_reviews_are_for_editors_and_admins()
    {
        var admin = await AdminTokenAsync(Client);
        var callers = new (string Name, string? Token)[]
        {
            ("anonymous", null), ("member", (await SignUpAsync(Client)).Token), ("editor", await WithRoleAsync(Client, "editor")), ("admin", admin),
        };
        var outcomes = new List<string>();
        foreach (var (name, token) in callers)
        {
            var region = await CreateRegionAsync(Client, admin);
            var tag = await TagAsync(admin);
            var route = (await CreateRouteAsync(Client, null)).GetProperty("id").GetGuid();
            var slug = $"s-{Guid.NewGuid():N}";
            async Task Call(string what, HttpMethod method, string path, string? json = null) =>
                outcomes.Add($"{name} {what} {await OutcomeAsync(await CallAsync(Client, method, path, token, json))}");

            await Call("create region", HttpMethod.Post, "/api/v1/regions", $$$"""{"name":"R {{{slug}}}","timeZone":"Asia/Jakarta","center":{"lat":-6.2,"lng":106.8}}""");
            await Call("replace region", HttpMethod.Put, $"/api/v1/regions/{region}", $$$"""{"name":"R2 {{{slug}}}","timeZone":"Asia/Jakarta","center":{"lat":-6.2,"lng":106.8}}""");
            await Call("delete region", HttpMethod.Delete, $"/api/v1/regions/{region}");
            await Call("create tag", HttpMethod.Post, "/api/v1/tags", $$"""{"name":"T {{slug}}"}""");
            await Call("replace tag", HttpMethod.Put, $"/api/v1/tags/{tag}", $$"""{"name":"T2 {{slug}}","isActive":false}""");
            await Call("delete tag", HttpMethod.Delete, $"/api/v1/tags/{tag}");
            await Call("review route", HttpMethod.Post, $"/api/v1/routes/{route}/review", """{"decision":"approve"}""");
            await Call("list pending", HttpMethod.Get, "/api/v1/routes?status=pending&limit=1");
        }

        string[] Expected(string caller, string create, string ok, string noContent, string list) =>
        [
            $"{caller} create region {create}", $"{caller} replace region {ok}", $"{caller} delete region {noContent}",
            $"{caller} create tag {create}", $"{caller} replace tag {ok}", $"{caller} delete tag {noContent}",
            $"{caller} review route {ok}", $"{caller} list pending {list}",
        ];
        Assert.Equal(
        [
            .. Expected("anonymous", "401 UNAUTHORIZED", "401 UNAUTHORIZED", "401 UNAUTHORIZED", "403 STATUS_FOR_STAFF_ONLY"),
            .. Expected("member", "403 FORBIDDEN", "403 FORBIDDEN", "403 FORBIDDEN", "403 STATUS_FOR_STAFF_ONLY"),
            .. Expected("editor", "201", "200", "204", "200"),
            .. Expected("admin", "201", "200", "204", "200"),
        ], outcomes);
    }

    [Fact]
    public async Task Route_updates_and_archiving_are_for_the_creator_the_leader_key_holder_and_staff()
    {
        var (creator, _) = await SignUpAsync(Client);
        var callers = new (string Name, string? Token, bool WithKey)[]
        {
            ("anonymous", null, false), ("other member", (await SignUpAsync(Client)).Token, false), ("wrong key", null, false),
            ("creator", creator, false), ("key holder", null, true), ("editor", await WithRoleAsync(Client, "editor"), false),
            ("admin", await AdminTokenAsync(Client), false),
        };
        var outcomes = new List<string>();
        foreach (var (name, token, withKey) in callers)
        {
            var route = await CreateRouteAsync(Client, creator);
            var id = route.GetProperty("id").GetGuid();
            var key = withKey ? route.GetProperty("leaderKey").GetString() : name == "wrong key" ? "not-the-key" : null;
            var update = await CallAsync(Client, HttpMethod.Put, $"/api/v1/routes/{id}", token, """{"neighborhood":"Wedding"}""", key);
            var archive = await CallAsync(Client, HttpMethod.Delete, $"/api/v1/routes/{id}", token, leaderKey: key);
            outcomes.Add($"{name} update {await OutcomeAsync(update)}, archive {await OutcomeAsync(archive)}");
        }

        Assert.Equal(
        [
            "anonymous update 403 NOT_ROUTE_MANAGER, archive 403 NOT_ROUTE_MANAGER",
            "other member update 403 NOT_ROUTE_MANAGER, archive 403 NOT_ROUTE_MANAGER",
            "wrong key update 403 NOT_ROUTE_MANAGER, archive 403 NOT_ROUTE_MANAGER",
            "creator update 200, archive 204",
            "key holder update 200, archive 204",
            "editor update 200, archive 204",
            "admin update 200, archive 204",
        ], outcomes);
    }

    [Fact]
    public async Task Routes_made_by_members_or_anonymously_are_pending_with_their_creator_and_staff_routes_approved()
    {
        var (member, memberId) = await SignUpAsync(Client);

        var anonymous = await CreateRouteAsync(Client, null);
        var byMember = await CreateRouteAsync(Client, member);
        var byEditor = await CreateRouteAsync(Client, await WithRoleAsync(Client, "editor"));

        Assert.Equal(("pending", JsonValueKind.Null), (anonymous.GetProperty("status").GetString(), anonymous.GetProperty("creatorId").ValueKind));
        Assert.Equal(("pending", memberId), (byMember.GetProperty("status").GetString(), byMember.GetProperty("creatorId").GetGuid()));
        Assert.Equal("approved", byEditor.GetProperty("status").GetString());
    }

    private async Task<Guid> TagAsync(string admin)
    {
        var response = await CallAsync(Client, HttpMethod.Post, "/api/v1/tags", admin, $$"""{"name":"Tag {{Guid.NewGuid():N}}"}""");
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("data").GetProperty("id").GetGuid();
    }
}
