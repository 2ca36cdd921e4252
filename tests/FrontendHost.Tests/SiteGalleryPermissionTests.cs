using OrleansRides.Site.Tests;
using OrleansRides.Tests.Shared;
using static OrleansRides.FrontendHost.Tests.Accounts;
using static OrleansRides.FrontendHost.Tests.GalleryCalls;

namespace OrleansRides.FrontendHost.Tests;

/// <summary>Issue 10: editors and admins upload and change gallery items, only admins delete; anonymous callers get 401,
/// members and DJs 403.</summary>
[Collection(FrontendCollection.Name)]
public sealed class SiteGalleryPermissionTests(TestDatabase database) : FrontendTest(database, GalleryCalls.Frontend().Factory)
{
    [Fact]
    public async Task Uploads_and_changes_are_for_editors_and_admins_and_deletes_for_admins()
    {
        var admin = await AdminTokenAsync(Client);
        var callers = new (string Name, string? Token)[]
        {
            ("anonymous", null), ("member", (await SignUpAsync(Client)).Token), ("penyiar", await WithRoleAsync(Client, "penyiar")),
            ("editor", await WithRoleAsync(Client, "editor")), ("admin", admin),
        };
        var image = GalleryTestImages.Jpeg(64, 48);
        var outcomes = new List<string>();
        foreach (var (name, token) in callers)
        {
            var id = (await UploadAsync(Client, admin, image)).GetProperty("id").GetGuid();
            var upload = await SendAsync(Client, HttpMethod.Post, "/api/v1/gallery", token, Form(image));
            var change = await SendAsync(Client, HttpMethod.Put, $"/api/v1/gallery/{id}", token, Form(null, title: "Renamed"));
            var delete = await SendAsync(Client, HttpMethod.Delete, $"/api/v1/gallery/{id}", token, null);
            outcomes.Add($"{name} upload {await OutcomeAsync(upload)}, change {await OutcomeAsync(change)}, delete {await OutcomeAsync(delete)}");
        }

        Assert.Equal(
        [
            "anonymous upload 401 UNAUTHORIZED, change 401 UNAUTHORIZED, delete 401 UNAUTHORIZED",
            "member upload 403 FORBIDDEN, change 403 FORBIDDEN, delete 403 FORBIDDEN",
            "penyiar upload 403 FORBIDDEN, change 403 FORBIDDEN, delete 403 FORBIDDEN",
            "editor upload 201, change 200, delete 403 FORBIDDEN",
            "admin upload 201, change 200, delete 204",
        ], outcomes);
    }
}
