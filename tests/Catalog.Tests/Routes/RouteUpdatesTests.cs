using System.Text.Json;
using OrleansRides.Catalog.Routes;

namespace OrleansRides.Catalog.Tests.Routes;

public sealed class RouteUpdatesTests
{
    private static readonly RouteDetails Current = new(
        Guid.NewGuid(), "Old", "Hood", new RegionSummary(Guid.NewGuid(), "Berlin", "berlin", "Europe/Berlin"),
        [new TagSummary(Guid.NewGuid(), "Commute", "commute")], "07:30", 45, true, RouteStatuses.Approved, "Text", "ABCDEFGHJK",
        [new Waypoint(1, 2, null)], "FREQ=DAILY", new DateOnly(2027, 1, 1), null, null, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch);

    private static readonly RouteRequest Nothing = new(null, null, null, null, null, null, null, null, null, null, null);

    [Fact]
    public void Absent_fields_keep_their_stored_values()
    {
        var merged = RouteUpdates.Merge(Current, Nothing with { Name = "New" });

        Assert.Equal(("New", "Text", "Hood", "07:30", Current.Region!.Id), (merged.Name, merged.Description, merged.Neighborhood, merged.DepartureTime, merged.RegionId));
        Assert.Equal(45, merged.EstimatedDuration!.Value.GetInt32());
        Assert.Equal(Current.Tags.Select(t => t.Id), merged.TagIds!);
        Assert.Equal((true, "FREQ=DAILY", new DateOnly(2027, 1, 1)), (merged.IsRecurring, merged.RecurrenceRule, merged.RecurrenceEndDate));
        Assert.Empty(new CreateRouteValidator().Validate(merged).Errors);
    }

    [Fact]
    public void Stopping_the_recurrence_drops_rule_and_end_date_but_a_contradicting_rule_is_kept_for_validation_to_refuse()
    {
        var stopped = RouteUpdates.Merge(Current, Nothing with { IsRecurring = false });
        var contradicting = RouteUpdates.Merge(Current, Nothing with { IsRecurring = false, RecurrenceRule = "FREQ=WEEKLY" });

        Assert.Equal((false, null, null), (stopped.IsRecurring, stopped.RecurrenceRule, stopped.RecurrenceEndDate));
        Assert.Equal("FREQ=WEEKLY", contradicting.RecurrenceRule);
        Assert.NotEmpty(new CreateRouteValidator().Validate(contradicting).Errors);
        Assert.Equal(JsonValueKind.Number, stopped.EstimatedDuration!.Value.ValueKind);
    }

    [Theory]
    [InlineData(RouteStatuses.Approved, false, RouteStatuses.Pending)]
    [InlineData(RouteStatuses.Rejected, false, RouteStatuses.Pending)]
    [InlineData(RouteStatuses.Pending, false, RouteStatuses.Pending)]
    [InlineData(RouteStatuses.Archived, false, RouteStatuses.Archived)]
    [InlineData(RouteStatuses.Approved, true, RouteStatuses.Approved)]
    [InlineData(RouteStatuses.Rejected, true, RouteStatuses.Rejected)]
    public void Edits_by_non_staff_send_listed_routes_back_to_review(string before, bool byStaff, string after) =>
        Assert.Equal(after, RouteUpdates.StatusAfterEdit(before, byStaff));
}
