using System.Text.Json;
using OrleansRides.Catalog.Routes;

namespace OrleansRides.Catalog.Tests.Routes;

public sealed class RouteDurationsTests
{
    [Theory]
    [InlineData("1500", 1500)]
    [InlineData("1", 1)]
    [InlineData("2880", 2880)]
    [InlineData("\"PT25H\"", 1500)]
    [InlineData("\"PT1H30M\"", 90)]
    [InlineData("\"PT90M\"", 90)]
    [InlineData("\"P1DT1H\"", 1500)]
    [InlineData("\"P2D\"", 2880)]
    [InlineData("\"PT120S\"", 2)]
    public void Minutes_and_ISO_8601_durations_up_to_48_hours_are_read(string json, int minutes)
    {
        Assert.Equal(minutes, RouteDurations.Parse(JsonDocument.Parse(json).RootElement, out var problem));
        Assert.Null(problem);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-5")]
    [InlineData("2881")]
    [InlineData("1.5")]
    [InlineData("1e10")]
    [InlineData("true")]
    [InlineData("[60]")]
    [InlineData("\"60\"")]
    [InlineData("\"01:04\"")]
    [InlineData("\"PT49H\"")]
    [InlineData("\"P1M\"")]
    [InlineData("\"P1Y\"")]
    [InlineData("\"PT30S\"")]
    [InlineData("\"PT1M30S\"")]
    [InlineData("\"-PT1H\"")]
    [InlineData("\"PT0S\"")]
    [InlineData("\"'; DROP TABLE routes; --\"")]
    public void Other_values_are_refused_with_a_reason(string json)
    {
        Assert.Null(RouteDurations.Parse(JsonDocument.Parse(json).RootElement, out var problem));
        Assert.Contains("2880", problem, StringComparison.Ordinal);
    }
}
