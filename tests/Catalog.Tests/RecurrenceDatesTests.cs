using OrleansRides.Catalog.Recurrence;

namespace OrleansRides.Catalog.Tests;

/// <summary>RRULE evaluation on local dates (decision 71), without the database.</summary>
public sealed class RecurrenceDatesTests
{
    private static DateOnly D(int m, int d) => new(2026, m, d);

    [Fact]
    public void COUNT_counts_from_the_first_date_not_from_the_window()
    {
        // Mondays from 2 November: 2, 9, 16, 23 November; a window from the 17th keeps only the 23rd.
        var dates = RecurrenceDates.Between("FREQ=WEEKLY;BYDAY=MO;COUNT=4", D(11, 2), null, D(11, 17), D(12, 31));

        Assert.Equal([D(11, 23)], dates);
    }

    [Fact]
    public void UNTIL_and_the_end_date_are_inclusive_and_the_earlier_one_wins()
    {
        Assert.Equal([D(12, 1), D(12, 3), D(12, 8), D(12, 10)],
            RecurrenceDates.Between("RRULE:FREQ=WEEKLY;BYDAY=TU,TH;UNTIL=20261210", D(12, 1), null, D(12, 1), D(12, 31)));
        Assert.Equal([D(12, 1), D(12, 3)],
            RecurrenceDates.Between("FREQ=WEEKLY;BYDAY=TU,TH;UNTIL=20261210", D(12, 1), D(12, 3), D(12, 1), D(12, 31)));
    }

    [Fact]
    public void INTERVAL_steps_from_the_first_date()
    {
        Assert.Equal([D(12, 5), D(12, 7), D(12, 9)], RecurrenceDates.Between("FREQ=DAILY;INTERVAL=2", D(12, 1), null, D(12, 4), D(12, 9)));
    }

    [Theory]
    [InlineData("FREQ=NEVER")]
    [InlineData("not a rule")]
    public void A_rule_Ical_Net_cannot_read_is_a_FormatException(string rule)
    {
        Assert.Throws<FormatException>(() => RecurrenceDates.Between(rule, D(12, 1), null, D(12, 1), D(12, 31)));
    }
}
