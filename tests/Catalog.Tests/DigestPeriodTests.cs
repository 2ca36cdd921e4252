using System.Globalization;
using OrleansRides.Catalog.Subscriptions;

namespace OrleansRides.Catalog.Tests;

/// <summary>Decision 82: digest periods are UTC days, ISO weeks (from Monday) and calendar months.</summary>
public sealed class DigestPeriodTests
{
    [Theory]
    [InlineData(DigestFrequency.Daily, "2031-03-16T23:59:00Z", "2031-03-16")]
    [InlineData(DigestFrequency.Weekly, "2031-03-16T23:59:00Z", "2031-03-10")]
    [InlineData(DigestFrequency.Weekly, "2031-03-10T00:00:00Z", "2031-03-10")]
    [InlineData(DigestFrequency.Monthly, "2031-03-31T12:00:00Z", "2031-03-01")]
    public void Periods_are_UTC_days_ISO_weeks_and_calendar_months(DigestFrequency frequency, string now, string start) =>
        Assert.Equal(DateOnly.Parse(start, CultureInfo.InvariantCulture),
            DigestPeriods.PeriodStart(frequency, DateTimeOffset.Parse(now, CultureInfo.InvariantCulture)));
}
