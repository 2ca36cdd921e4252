using OrleansRides.Tests.Shared;
using static OrleansRides.FrontendHost.Tests.Accounts;
using static OrleansRides.FrontendHost.Tests.CatalogCalls;
using static OrleansRides.FrontendHost.Tests.SiteCalls;

namespace OrleansRides.FrontendHost.Tests;

/// <summary>Issue 10: who may write pages, programmes and announcements (and list every announcement): 401 anonymous, 403
/// FORBIDDEN for members and DJs (penyiar), success for editors and admins.</summary>
[Collection(FrontendCollection.Name)]
public sealed class SitePermissionTests(TestDatabase database) : FrontendTest(database, Frontend())
{
    [Fact]
    public async Task Pages_programmes_and_announcements_are_written_by_editors_and_admins()
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
            var page = await CreatePageAsync(Client, admin);
            var program = await CreateProgramAsync(Client, admin);
            var announcement = await CreateAnnouncementAsync(Client, admin);
            async Task Call(string what, HttpMethod method, string path, string? json = null)
            {
                var outcome = await OutcomeAsync(await CallAsync(Client, method, path, token, json));
                outcomes.Add($"{name} {what} {outcome.Split(' ')[0]}{(outcome.Contains("FORBIDDEN") ? " FORBIDDEN" : "")}");
            }

            await Call("create page", HttpMethod.Post, "/api/v1/pages", $$"""{"title":"{{Unique("Page")}}","content":"<p>x</p>"}""");
            await Call("update page", HttpMethod.Put, $"/api/v1/pages/{page}", """{"title":"Changed"}""");
            await Call("delete page", HttpMethod.Delete, $"/api/v1/pages/{page}");
            await Call("create programme", HttpMethod.Post, "/api/v1/programs", $$"""{"name":"{{Unique("Show")}}","type":"talk"}""");
            await Call("update programme", HttpMethod.Put, $"/api/v1/programs/{program}", """{"type":"news"}""");
            await Call("delete programme", HttpMethod.Delete, $"/api/v1/programs/{program}");
            await Call("create announcement", HttpMethod.Post, "/api/v1/announcements", """{"text":"New"}""");
            await Call("update announcement", HttpMethod.Put, $"/api/v1/announcements/{announcement}", """{"text":"Changed"}""");
            await Call("get announcement", HttpMethod.Get, $"/api/v1/announcements/{announcement}");
            await Call("list all announcements", HttpMethod.Get, "/api/v1/announcements?all=true");
            await Call("delete announcement", HttpMethod.Delete, $"/api/v1/announcements/{announcement}");
        }

        string[] Expected(string caller, string create, string ok, string noContent) =>
        [
            $"{caller} create page {create}", $"{caller} update page {ok}", $"{caller} delete page {noContent}",
            $"{caller} create programme {create}", $"{caller} update programme {ok}", $"{caller} delete programme {noContent}",
            $"{caller} create announcement {create}", $"{caller} update announcement {ok}", $"{caller} get announcement {ok}",
            $"{caller} list all announcements {ok}", $"{caller} delete announcement {noContent}",
        ];
        Assert.Equal(
        [
            .. Expected("anonymous", "401", "401", "401"),
            .. Expected("member", "403 FORBIDDEN", "403 FORBIDDEN", "403 FORBIDDEN"),
            .. Expected("penyiar", "403 FORBIDDEN", "403 FORBIDDEN", "403 FORBIDDEN"),
            .. Expected("editor", "201", "200", "204"),
            .. Expected("admin", "201", "200", "204"),
        ], outcomes);
    }

    [Fact]
    public async Task Anyone_reads_pages_programmes_the_schedule_now_current_announcements_and_the_homepage()
    {
        var admin = await AdminTokenAsync(Client);
        var page = await CreatePageAsync(Client, admin);
        var program = await CreateProgramAsync(Client, admin);
        var outcomes = new List<string>();
        foreach (var path in new[] { "/api/v1/pages", $"/api/v1/pages/{page}", "/api/v1/programs", $"/api/v1/programs/{program}",
                     "/api/v1/programs/schedule", "/api/v1/programs/now", "/api/v1/announcements", "/api/v1/homepage" })
        {
            outcomes.Add($"{path} {await OutcomeAsync(await CallAsync(Client, HttpMethod.Get, path, null))}");
        }

        Assert.All(outcomes, outcome => Assert.EndsWith(" 200", outcome));
    }
}
