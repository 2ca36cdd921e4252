using System.Text.Json;
using OrleansRides.Catalog.Routes;
using OrleansRides.Tests.Shared;

namespace OrleansRides.Catalog.Tests.Routes;

public sealed class CreateRouteValidatorTests
{
    private static readonly CreateRouteValidator Validator = new();

    private static string[] Fields(RouteRequest request) =>
        Validator.Validate(request).Errors.Select(e => e.PropertyName).Distinct().Order().ToArray();

    private static RouteRequest Valid => CatalogRows.Route(SeededCatalog.Berlin);

    [Fact]
    public void A_complete_route_passes() =>
        Assert.Empty(Fields(Valid with { RecurrenceRule = "FREQ=WEEKLY;BYDAY=MO", RecurrenceEndDate = new DateOnly(2027, 1, 1), EstimatedDuration = JsonSerializer.SerializeToElement(1500) }));

    [Fact]
    public void Region_is_required_and_at_most_10_distinct_tags_are_allowed()
    {
        Assert.Equal(["RegionId"], Fields(Valid with { RegionId = null }));
        Assert.Equal(["TagIds"], Fields(Valid with { TagIds = Enumerable.Range(0, 11).Select(_ => Guid.NewGuid()).ToArray() }));
        var once = Guid.NewGuid();
        Assert.Equal(["TagIds"], Fields(Valid with { TagIds = [once, once] }));
    }

    [Fact]
    public void A_recurring_route_needs_a_valid_rule_and_only_a_recurring_route_has_one()
    {
        Assert.Equal(["RecurrenceRule"], Fields(Valid with { IsRecurring = true }));
        Assert.Equal(["RecurrenceRule"], Fields(Valid with { RecurrenceRule = "FREQ=HOURLY" }));
        Assert.Equal(["RecurrenceRule"], Fields(Valid with { IsRecurring = false, RecurrenceRule = "FREQ=DAILY" }));
        Assert.Equal(["RecurrenceEndDate"], Fields(Valid with { RecurrenceEndDate = new DateOnly(2027, 1, 1) }));
        Assert.Empty(Fields(Valid with { IsRecurring = true, RecurrenceRule = "FREQ=DAILY;COUNT=10" }));
    }

    [Fact]
    public void Durations_departure_times_neighborhoods_and_coordinates_are_checked()
    {
        Assert.Equal(["EstimatedDuration"], Fields(Valid with { EstimatedDuration = JsonSerializer.SerializeToElement("01:04") }));
        Assert.Equal(["DepartureTime"], Fields(Valid with { DepartureTime = "24:00" }));
        Assert.Equal(["Neighborhood"], Fields(Valid with { Neighborhood = new string('n', 101) }));
        Assert.Equal(["Neighborhood"], Fields(Valid with { Neighborhood = "tab\there" }));
        Assert.Equal(["Waypoints[0].Lat"], Fields(Valid with { Waypoints = [new WaypointInput(90.5, 0, null)] }));
    }
}
