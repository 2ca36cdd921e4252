using Ical.Net;
using Ical.Net.DataTypes;
using Ical.Net.Evaluation;

namespace OrleansRides.Catalog.Recurrence;

/// <summary>The local dates an RFC 5545 RRULE (<c>FREQ=WEEKLY;BYDAY=TU,TH;UNTIL=20270630</c>) gives, evaluated by Ical.Net on
/// floating dates (no time, no zone: the ride's time and zone are applied afterwards by
/// <see cref="Rides.RideTimes"/>, so a daylight-saving change can never move a ride to another day). Decision 71: the
/// rule's DTSTART is the route's first date, the local date of its creation in its region's zone; <c>COUNT</c> counts from
/// there, <c>UNTIL</c> and the route's own end date are inclusive.</summary>
public static class RecurrenceDates
{
    /// <summary>Most dates one evaluation returns: a daily rule over the longest horizon (366 days) and then some.</summary>
    public const int MaxDates = 1000;

    /// <summary>The rule's dates from <paramref name="firstDate"/> (DTSTART) that fall in [<paramref name="from"/>,
    /// <paramref name="through"/>], no later than <paramref name="endDate"/> when given, in order, each once.</summary>
    /// <param name="rule">The RRULE value, with or without the <c>RRULE:</c> prefix.</param>
    /// <param name="firstDate">DTSTART, the rule's first date (counted by <c>COUNT</c>).</param>
    /// <param name="endDate">The route's <c>recurrence_end_date</c>, inclusive, or null.</param>
    /// <param name="from">First date wanted (inclusive).</param>
    /// <param name="through">Last date wanted (inclusive).</param>
    /// <exception cref="FormatException">Ical.Net cannot read or evaluate the rule.</exception>
    public static IReadOnlyList<DateOnly> Between(string rule, DateOnly firstDate, DateOnly? endDate, DateOnly from, DateOnly through)
    {
        var last = endDate is { } end && end < through ? end : through;
        if (last < from || last < firstDate)
        {
            return [];
        }
        RecurrenceRule parsed;
        try
        {
            parsed = new RecurrenceRule(StripPrefix(rule));
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            throw new FormatException($"Not an RRULE Ical.Net can read: {ex.Message}", ex);
        }
        var start = new CalDateTime(firstDate);
        try
        {
            // Evaluated from DTSTART (not from `from`), so COUNT counts the dates before the window too.
            return [.. new RecurrencePatternEvaluator(parsed).Evaluate(start, start, null)
                .TakeWhileBefore(new CalDateTime(last.AddDays(1)))
                .Select(period => period.StartTime.Date)
                .Where(date => date >= from && date >= firstDate)
                .Distinct()
                .Take(MaxDates)];
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or EvaluationException)
        {
            throw new FormatException($"Ical.Net cannot evaluate the RRULE: {ex.Message}", ex);
        }
    }

    private static string StripPrefix(string rule) =>
        rule.StartsWith("RRULE:", StringComparison.OrdinalIgnoreCase) ? rule["RRULE:".Length..] : rule;
}
