using OrleansRides.Catalog.Routes;
using OrleansRides.Tests.Shared;

namespace OrleansRides.Catalog.Tests.Routes;

[Collection(CatalogCollection.Name)]
public sealed class RouteManagersTests(TestDatabase database)
{
    private readonly RouteManagers _managers = new(database.DataSource);

    [Fact]
    public async Task The_creator_the_leader_key_holder_and_staff_manage_a_route_nobody_else_does()
    {
        var creator = await CatalogRows.UserAsync(database.DataSource);
        var route = await new RouteRepository(database.DataSource).CreateAsync(CatalogRows.Route(SeededCatalog.Berlin), creator, false, CancellationToken.None);
        Task<bool> Can(Guid? user, string? role, string? key) => _managers.CanManageAsync(route.Id, user, role, key, CancellationToken.None);

        Assert.True(await Can(creator, "member", null));
        Assert.True(await Can(null, null, route.LeaderKey));
        Assert.True(await Can(Guid.NewGuid(), "member", route.LeaderKey));
        Assert.True(await Can(Guid.NewGuid(), "editor", null));
        Assert.True(await Can(Guid.NewGuid(), "admin", null));
        Assert.False(await Can(Guid.NewGuid(), "member", null));
        Assert.False(await Can(Guid.NewGuid(), "penyiar", null));
        Assert.False(await Can(null, null, null));
        Assert.False(await Can(null, null, route.LeaderKey + "x"));
        Assert.False(await Can(null, null, ""));
        Assert.False(await Can(null, "listener", new string('k', 5000)));
        Assert.False(await _managers.CanManageAsync(Guid.NewGuid(), null, "admin", route.LeaderKey, CancellationToken.None));
    }
}
