using OrleansRides.Catalog.Routes;

namespace OrleansRides.Catalog.Tests.Routes;

public sealed class RecurrenceRulesTests
{
    [Theory]
    [InlineData("FREQ=DAILY")]
    [InlineData("FREQ=WEEKLY;BYDAY=MO,WE,FR")]
    [InlineData("FREQ=WEEKLY;INTERVAL=2;BYDAY=SU")]
    [InlineData("FREQ=WEEKLY;BYDAY=TU;COUNT=3")]
    [InlineData("FREQ=DAILY;UNTIL=20270131T235959Z")]
    [InlineData("FREQ=WEEKLY;BYDAY=SA;UNTIL=20270131")]
    [InlineData("FREQ=MONTHLY;BYDAY=1SA")]
    [InlineData("RRULE:FREQ=WEEKLY;BYDAY=MO")]
    [InlineData("freq=weekly;byday=mo")]
    public void Accepted_rules(string rule) => Assert.Null(RecurrenceRules.Problem(rule));

    [Theory]
    [InlineData("FREQ=HOURLY", "FREQ must be")]
    [InlineData("FREQ=MINUTELY;INTERVAL=5", "FREQ must be")]
    [InlineData("FREQ=SECONDLY", "FREQ must be")]
    [InlineData("FREQ=DAILY;COUNT=5;UNTIL=20270101T000000Z", "not both")]
    [InlineData("FREQ=DAILY;BYHOUR=7,8", "not supported")]
    [InlineData("FREQ=WEEKLY;BYMINUTE=30", "not supported")]
    [InlineData("BYDAY=MO", "FREQ is required")]
    [InlineData("FREQ=SOMETIMES", "Not a valid")]
    [InlineData("FREQ=WEEKLY;BYDAY=XX", "Not a valid")]
    [InlineData("FREQ=DAILY;COUNT=0", "")]
    [InlineData("FREQ=DAILY;COUNT=-3", "")]
    [InlineData("FREQ=DAILY;INTERVAL=0", "")]
    [InlineData("FREQ=DAILY;FREQ=WEEKLY", "twice")]
    [InlineData("FREQ=DAILY;X-NAME=1", "not supported")]
    [InlineData("FREQ", "NAME=VALUE")]
    [InlineData("FREQ=DAILY;;", "NAME=VALUE")]
    [InlineData("'; DROP TABLE routes; --", "")]
    [InlineData("", "needs a rule")]
    public void Refused_rules_say_why(string rule, string why)
    {
        var problem = RecurrenceRules.Problem(rule);

        Assert.NotNull(problem);
        Assert.Contains(why, problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_rule_over_1000_characters_is_refused() =>
        Assert.Contains("1000", RecurrenceRules.Problem("FREQ=WEEKLY;BYDAY=" + string.Join(',', Enumerable.Repeat("MO", 400))));

    [Fact]
    public void Rules_are_stored_upper_case_without_the_RRULE_prefix() =>
        Assert.Equal("FREQ=WEEKLY;BYDAY=MO", RecurrenceRules.Normalize(" rrule:freq=weekly;byday=mo "));
}
