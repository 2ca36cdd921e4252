using System.Text.Json;
using Dapper;
using OrleansRides.Catalog.Routes;
using OrleansRides.GrainInterfaces.Rides;
using OrleansRides.Tests.Shared;

namespace OrleansRides.Catalog.Tests.Routes;

[Collection(CatalogCollection.Name)]
public sealed class RouteRepositoryTests(TestDatabase database)
{
    private readonly RouteRepository _routes = new(database.DataSource);

    [Fact]
    public async Task A_route_is_stored_with_its_region_tags_recurrence_duration_and_creator_and_pending_when_a_member_makes_it()
    {
        var region = await CatalogRows.RegionAsync(database.DataSource);
        var (b, a) = (await CatalogRows.TagAsync(database.DataSource), await CatalogRows.TagAsync(database.DataSource));
        var creator = await CatalogRows.UserAsync(database.DataSource);
        var request = CatalogRows.Route(region.Id, tagIds: [a.Id, b.Id], neighborhood: "Mitte", rule: "rrule:freq=weekly;byday=mo") with
        {
            EstimatedDuration = JsonSerializer.SerializeToElement("PT25H"),
            RecurrenceEndDate = new DateOnly(2027, 6, 30),
        };

        var created = await _routes.CreateAsync(request, creator, byStaff: false, CancellationToken.None);
        var read = await _routes.FindByIdAsync(created.Id, CancellationToken.None);

        Assert.NotNull(created.LeaderKey);
        Assert.Null(read!.LeaderKey);
        Assert.Equal((created.Id, created.AccessCode, created.CreatedAt), (read.Id, read.AccessCode, read.CreatedAt));
        Assert.Equal(new RegionSummary(region.Id, region.Name, region.Slug, "Europe/Berlin"), read.Region);
        Assert.Equal(new[] { a.Id, b.Id }.OrderBy(id => id), read.Tags.Select(t => t.Id).OrderBy(id => id));
        Assert.Equal(1500, read.EstimatedDurationMinutes);
        Assert.Equal(("FREQ=WEEKLY;BYDAY=MO", true, new DateOnly(2027, 6, 30)), (read.RecurrenceRule, read.IsRecurring, read.RecurrenceEndDate));
        Assert.Equal((RouteStatuses.Pending, creator, "Mitte"), (read.Status, read.CreatorId, read.Neighborhood));
        Assert.Equal([new Waypoint(52.5, 13.4, "Start"), new Waypoint(52.52, 13.41, null)], read.Waypoints);
        Assert.Equal(read.Id, (await _routes.FindByAccessCodeAsync(read.AccessCode, CancellationToken.None))!.Id);
    }

    [Fact]
    public async Task Staff_routes_start_approved_and_the_leader_key_is_stored_only_as_its_hash()
    {
        var region = await CatalogRows.RegionAsync(database.DataSource);

        var created = await _routes.CreateAsync(CatalogRows.Route(region.Id), null, byStaff: true, CancellationToken.None);

        Assert.Equal(RouteStatuses.Approved, created.Status);
        await using var connection = await database.DataSource.OpenConnectionAsync();
        var hash = await connection.ExecuteScalarAsync<byte[]>("SELECT leader_key_hash FROM routes WHERE id = @id", new { id = created.Id });
        Assert.Equal(LeaderKeys.Hash(created.LeaderKey!), hash);
    }

    [Fact]
    public async Task An_update_replaces_fields_and_tags_and_a_review_records_reviewer_reason_and_time()
    {
        var region = await CatalogRows.RegionAsync(database.DataSource);
        var (first, second) = (await CatalogRows.TagAsync(database.DataSource), await CatalogRows.TagAsync(database.DataSource));
        var reviewer = await CatalogRows.UserAsync(database.DataSource);
        var created = await _routes.CreateAsync(CatalogRows.Route(region.Id, tagIds: [first.Id], description: "old"), null, false, CancellationToken.None);

        var merged = RouteUpdates.Merge(created, new RouteRequest("New name", "", null, "18:05", null, null, null, [second.Id], null, null, null));
        var updated = await _routes.UpdateAsync(created.Id, merged, RouteStatuses.Pending, CancellationToken.None);
        var rejected = await _routes.ReviewAsync(created.Id, approve: false, "Waypoints cross a motorway.", reviewer, CancellationToken.None);

        Assert.Equal(("New name", null, "18:05"), (updated!.Name, updated.Description, updated.DepartureTime));
        Assert.Equal([second.Id], updated.Tags.Select(t => t.Id));
        Assert.Equal(created.AccessCode, updated.AccessCode);
        Assert.Equal((RouteStatuses.Rejected, "Waypoints cross a motorway."), (rejected!.Status, rejected.ReviewReason));
        await using var connection = await database.DataSource.OpenConnectionAsync();
        var (by, at) = await connection.QuerySingleAsync<(Guid, DateTime)>("SELECT reviewed_by, reviewed_at FROM routes WHERE id = @id", new { id = created.Id });
        Assert.Equal(reviewer, by);
        Assert.True(at > DateTime.UnixEpoch);
        Assert.Null(await _routes.UpdateAsync(Guid.NewGuid(), merged, RouteStatuses.Pending, CancellationToken.None));
        Assert.Null(await _routes.ReviewAsync(Guid.NewGuid(), true, null, reviewer, CancellationToken.None));
    }

    [Fact]
    public async Task Archiving_keeps_the_route_readable_by_its_code()
    {
        var region = await CatalogRows.RegionAsync(database.DataSource);
        var created = await _routes.CreateAsync(CatalogRows.Route(region.Id), null, true, CancellationToken.None);

        Assert.True(await _routes.ArchiveAsync(created.Id, CancellationToken.None));

        Assert.Equal(RouteStatuses.Archived, (await _routes.FindByAccessCodeAsync(created.AccessCode, CancellationToken.None))!.Status);
        Assert.False(await _routes.ArchiveAsync(Guid.NewGuid(), CancellationToken.None));
    }

    [Fact]
    public async Task References_to_unknown_regions_and_unknown_or_inactive_tags_are_named()
    {
        var active = await CatalogRows.TagAsync(database.DataSource);
        var inactive = await CatalogRows.TagAsync(database.DataSource, isActive: false);

        var fine = await _routes.ReferenceProblemsAsync(SeededCatalog.Berlin, [active.Id, SeededCatalog.Commute], CancellationToken.None);
        var unknownRegion = await _routes.ReferenceProblemsAsync(Guid.NewGuid(), null, CancellationToken.None);
        var inactiveTag = await _routes.ReferenceProblemsAsync(null, [active.Id, inactive.Id], CancellationToken.None);
        var unknownTag = await _routes.ReferenceProblemsAsync(null, [Guid.NewGuid()], CancellationToken.None);

        Assert.Empty(fine);
        Assert.Equal(["regionId"], unknownRegion.Keys);
        Assert.Equal(["tagIds"], inactiveTag.Keys);
        Assert.Equal(["tagIds"], unknownTag.Keys);
    }

    [Fact]
    public async Task The_example_routes_are_approved_recurring_and_in_the_seeded_regions()
    {
        var kreuzberg = await _routes.FindByAccessCodeAsync("KREUZBERG7", CancellationToken.None);
        var pankow = await _routes.FindByAccessCodeAsync("PANKWDAY24", CancellationToken.None);

        Assert.Equal((RouteStatuses.Approved, true, SeededCatalog.Berlin), (kreuzberg!.Status, kreuzberg.IsRecurring, kreuzberg.Region!.Id));
        Assert.Equal("FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR", kreuzberg.RecurrenceRule);
        Assert.Equal("FREQ=DAILY", pankow!.RecurrenceRule);
        await using var connection = await database.DataSource.OpenConnectionAsync();
        var rules = await connection.QueryAsync<string>("SELECT recurrence_rule FROM routes WHERE id::text LIKE '0192f0a0-0000-7000-8000-0000000002%'");
        Assert.Equal(5, rules.Count());
        Assert.All(rules, rule => Assert.Null(RecurrenceRules.Problem(rule)));
    }
}
