using OrleansRides.Catalog.Routes;
using OrleansRides.Tests.Shared;

namespace OrleansRides.Catalog.Tests.Routes;

[Collection(CatalogCollection.Name)]
public sealed class RouteSearchTests(TestDatabase database)
{
    private readonly RouteRepository _routes = new(database.DataSource);
    private readonly RouteSearch _search = new(database.DataSource);

    private Task<Page<RouteSummary>> ListAsync(RouteFilter filter, int limit = 20, int offset = 0) =>
        _search.ListAsync(filter, new PageRequest(limit, offset), CancellationToken.None);

    [Fact]
    public async Task Lists_filter_by_region_status_and_any_of_the_tags_by_name()
    {
        var region = await CatalogRows.RegionAsync(database.DataSource);
        var (school, night, other) = (await CatalogRows.TagAsync(database.DataSource), await CatalogRows.TagAsync(database.DataSource), await CatalogRows.TagAsync(database.DataSource));
        var b = await _routes.CreateAsync(CatalogRows.Route(region.Id, "B ride", [school.Id]), null, true, CancellationToken.None);
        var a = await _routes.CreateAsync(CatalogRows.Route(region.Id, "A ride", [night.Id, other.Id]), null, true, CancellationToken.None);
        var pending = await _routes.CreateAsync(CatalogRows.Route(region.Id, "C ride", [school.Id]), null, false, CancellationToken.None);
        await _routes.CreateAsync(CatalogRows.Route(SeededCatalog.Berlin, "Elsewhere", [school.Id]), null, true, CancellationToken.None);

        var approved = await ListAsync(new RouteFilter(region.Id, [], RouteStatuses.Approved, null));
        var tagged = await ListAsync(new RouteFilter(region.Id, [school.Id, night.Id], RouteStatuses.Approved, null));
        var onlyOther = await ListAsync(new RouteFilter(region.Id, [other.Id], RouteStatuses.Approved, null));
        var pendingOnes = await ListAsync(new RouteFilter(region.Id, [], RouteStatuses.Pending, null));

        Assert.Equal([a.Id, b.Id], approved.Items.Select(r => r.Id));
        Assert.Equal(2, approved.Total);
        Assert.Equal([a.Id, b.Id], tagged.Items.Select(r => r.Id));
        Assert.Equal([a.Id], onlyOther.Items.Select(r => r.Id));
        Assert.Equal([pending.Id], pendingOnes.Items.Select(r => r.Id));
        Assert.Equal(a.ToSummary() with { Tags = approved.Items[0].Tags }, approved.Items[0]);
        Assert.Equal(2, approved.Items[0].Tags.Count);
    }

    [Fact]
    public async Task Pages_carry_the_total_of_all_matches_even_past_the_end()
    {
        var region = await CatalogRows.RegionAsync(database.DataSource);
        for (var i = 0; i < 5; i++)
        {
            await _routes.CreateAsync(CatalogRows.Route(region.Id, $"Ride {i}"), null, true, CancellationToken.None);
        }
        var filter = new RouteFilter(region.Id, [], RouteStatuses.Approved, null);

        var first = await ListAsync(filter, limit: 2);
        var last = await ListAsync(filter, limit: 2, offset: 4);
        var past = await ListAsync(filter, limit: 2, offset: 10);

        Assert.Equal(["Ride 0", "Ride 1"], first.Items.Select(r => r.Name));
        Assert.Equal(["Ride 4"], last.Items.Select(r => r.Name));
        Assert.Empty(past.Items);
        Assert.Equal([5, 5, 5], new[] { first.Total, last.Total, past.Total });
    }

    [Fact]
    public async Task Text_search_is_case_insensitive_over_name_neighborhood_and_description_and_takes_wildcards_literally()
    {
        var region = await CatalogRows.RegionAsync(database.DataSource);
        var byName = await _routes.CreateAsync(CatalogRows.Route(region.Id, "Tempelhof Loop"), null, true, CancellationToken.None);
        var byArea = await _routes.CreateAsync(CatalogRows.Route(region.Id, "Morning", neighborhood: "Alt-Tempelhof"), null, true, CancellationToken.None);
        var byText = await _routes.CreateAsync(CatalogRows.Route(region.Id, "Evening", description: "Past the TEMPELHOF field"), null, true, CancellationToken.None);
        var percent = await _routes.CreateAsync(CatalogRows.Route(region.Id, "100% fun_ride"), null, true, CancellationToken.None);
        await _routes.CreateAsync(CatalogRows.Route(region.Id, "1000 fun ride"), null, true, CancellationToken.None);

        Task<Page<RouteSummary>> Find(string text) => ListAsync(new RouteFilter(region.Id, [], RouteStatuses.Approved, text));

        Assert.Equal([byText.Id, byArea.Id, byName.Id], (await Find("tempelhof")).Items.Select(r => r.Id));
        Assert.Equal([percent.Id], (await Find("0% fun_")).Items.Select(r => r.Id));
        Assert.Equal([percent.Id], (await Find("%")).Items.Select(r => r.Id));
        Assert.Equal([percent.Id], (await Find("_")).Items.Select(r => r.Id));
        Assert.Empty((await Find(@"\")).Items);
        Assert.Empty((await Find("'; DROP TABLE routes; --")).Items);
        Assert.Equal(5, (await ListAsync(new RouteFilter(region.Id, [], RouteStatuses.Approved, null))).Total);
    }

    [Fact]
    public void Like_wildcards_and_the_escape_character_are_escaped() =>
        Assert.Equal(@"100\% a\_b c\\d", RouteSearch.EscapeLike(@"100% a_b c\d"));
}
