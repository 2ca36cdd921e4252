using OrleansRides.Catalog.Regions;
using OrleansRides.Catalog.Routes;
using OrleansRides.Catalog.Tags;
using OrleansRides.Tests.Shared;

namespace OrleansRides.Catalog.Tests;

[Collection(CatalogCollection.Name)]
public sealed class RegionAndTagRepositoryTests(TestDatabase database)
{
    private readonly RegionRepository _regions = new(database.DataSource);
    private readonly TagRepository _tags = new(database.DataSource);

    [Fact]
    public async Task A_region_without_a_slug_gets_one_from_its_name_and_a_second_region_with_that_slug_is_refused()
    {
        var name = $"Hamburg {Guid.NewGuid():N}";
        var request = new RegionRequest(name, null, "Europe/Berlin", new GeoPointInput(53.55, 9.99), new BoundsInput(53.39, 9.73, 53.74, 10.33));

        var first = await _regions.CreateAsync(request, CancellationToken.None);
        var second = await _regions.CreateAsync(request, CancellationToken.None);

        Assert.Equal(Slugs.From(name), first.Value!.Slug);
        Assert.Equal(new Bounds(53.39, 9.73, 53.74, 10.33), first.Value.Bounds);
        Assert.Equal(WriteFailure.SlugTaken, second.Failure);
        Assert.Contains(await _regions.ListAsync(CancellationToken.None), r => r.Id == first.Value.Id);
    }

    [Fact]
    public async Task Renaming_a_region_to_another_regions_slug_is_refused_and_unknown_ids_are_not_found()
    {
        var one = await CatalogRows.RegionAsync(database.DataSource);
        var other = await CatalogRows.RegionAsync(database.DataSource);

        var taken = await _regions.UpdateAsync(one.Id, new RegionRequest("x", other.Slug, "Asia/Jakarta", new GeoPointInput(0, 0), null), CancellationToken.None);
        var missing = await _regions.UpdateAsync(Guid.NewGuid(), new RegionRequest("x", null, "Asia/Jakarta", new GeoPointInput(0, 0), null), CancellationToken.None);
        var newName = CatalogRows.Unique("Renamed");
        var renamed = await _regions.UpdateAsync(one.Id, new RegionRequest(newName, null, "Asia/Jakarta", new GeoPointInput(-6.2, 106.8), null), CancellationToken.None);

        Assert.Equal(WriteFailure.SlugTaken, taken.Failure);
        Assert.Equal(WriteFailure.NotFound, missing.Failure);
        Assert.Equal(new Region(one.Id, newName, newName.ToLowerInvariant(), "Asia/Jakarta", new GeoPoint(-6.2, 106.8), null), renamed.Value);
        Assert.Equal(WriteFailure.NotFound, await _regions.DeleteAsync(Guid.NewGuid(), CancellationToken.None));
    }

    [Fact]
    public async Task A_region_with_routes_cannot_be_deleted_one_without_can()
    {
        var used = await CatalogRows.RegionAsync(database.DataSource);
        var unused = await CatalogRows.RegionAsync(database.DataSource);
        await new RouteRepository(database.DataSource).CreateAsync(CatalogRows.Route(used.Id), null, false, CancellationToken.None);

        Assert.Equal(WriteFailure.InUse, await _regions.DeleteAsync(used.Id, CancellationToken.None));
        Assert.Equal(WriteFailure.None, await _regions.DeleteAsync(unused.Id, CancellationToken.None));
        Assert.Null(await _regions.FindAsync(unused.Id, CancellationToken.None));
    }

    [Fact]
    public async Task Tags_list_by_activity_keep_it_when_an_update_leaves_it_out_and_refuse_a_taken_slug()
    {
        var active = await CatalogRows.TagAsync(database.DataSource);
        var inactive = await CatalogRows.TagAsync(database.DataSource, isActive: false);

        var activeOnes = await _tags.ListAsync(true, CancellationToken.None);
        var inactiveOnes = await _tags.ListAsync(false, CancellationToken.None);
        var newName = CatalogRows.Unique("Renamed");
        var renamed = await _tags.UpdateAsync(inactive.Id, new TagRequest(newName, null, null), CancellationToken.None);
        var taken = await _tags.CreateAsync(new TagRequest("Again", active.Slug, null), CancellationToken.None);

        Assert.Contains(activeOnes, t => t.Id == active.Id);
        Assert.DoesNotContain(activeOnes, t => t.Id == inactive.Id);
        Assert.Contains(inactiveOnes, t => t.Id == inactive.Id);
        Assert.Equal(WriteFailure.SlugTaken, (await _tags.UpdateAsync(inactive.Id, new TagRequest("x", active.Slug, null), CancellationToken.None)).Failure);
        Assert.Equal(new Tag(inactive.Id, newName, newName.ToLowerInvariant(), false), renamed.Value);
        Assert.Equal(WriteFailure.SlugTaken, taken.Failure);
    }

    [Fact]
    public async Task Deleting_a_tag_takes_it_off_its_routes()
    {
        var region = await CatalogRows.RegionAsync(database.DataSource);
        var tag = await CatalogRows.TagAsync(database.DataSource);
        var routes = new RouteRepository(database.DataSource);
        var route = await routes.CreateAsync(CatalogRows.Route(region.Id, tagIds: [tag.Id]), null, false, CancellationToken.None);

        Assert.Equal(WriteFailure.None, await _tags.DeleteAsync(tag.Id, CancellationToken.None));

        Assert.Single(route.Tags);
        Assert.Empty((await routes.FindByIdAsync(route.Id, CancellationToken.None))!.Tags);
    }
}
