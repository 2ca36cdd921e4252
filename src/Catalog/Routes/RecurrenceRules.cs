using Ical.Net;
using Ical.Net.DataTypes;

namespace OrleansRides.Catalog.Routes;

/// <summary>Which RFC 5545 RRULE values a route may have (decision 67), parsed with Ical.Net's
/// <see cref="RecurrencePattern"/>. A route's ride happens at most once per local date (<c>rides</c> is unique per route
/// and date) at its departure time, so: FREQ DAILY, WEEKLY, MONTHLY or YEARLY (finer ones refused), INTERVAL, COUNT or
/// UNTIL (not both: RFC 5545 §3.3.10 says MUST NOT), BYDAY, BYMONTHDAY, BYMONTH, BYSETPOS, BYWEEKNO, BYYEARDAY, WKST; no
/// BYHOUR, BYMINUTE or BYSECOND (the departure time says when); at most <see cref="MaxLength"/> characters; an optional
/// <c>RRULE:</c> prefix is dropped.</summary>
public static class RecurrenceRules
{
    /// <summary>Longest rule accepted.</summary>
    public const int MaxLength = 1000;

    private static readonly HashSet<string> AllowedParts = new(StringComparer.OrdinalIgnoreCase)
    {
        "FREQ", "INTERVAL", "COUNT", "UNTIL", "BYDAY", "BYMONTHDAY", "BYMONTH", "BYSETPOS", "BYWEEKNO", "BYYEARDAY", "WKST",
    };

    /// <summary>The rule as stored: trimmed, without an <c>RRULE:</c> prefix, upper case.</summary>
    public static string Normalize(string rule)
    {
        var trimmed = rule.Trim();
        return (trimmed.StartsWith("RRULE:", StringComparison.OrdinalIgnoreCase) ? trimmed[6..] : trimmed).ToUpperInvariant();
    }

    /// <summary>Null when <paramref name="rule"/> is acceptable, else why not (one sentence for the client).</summary>
    public static string? Problem(string? rule)
    {
        if (string.IsNullOrWhiteSpace(rule))
        {
            return "A recurring route needs a rule such as FREQ=WEEKLY;BYDAY=MO.";
        }
        if (rule.Length > MaxLength)
        {
            return $"At most {MaxLength} characters.";
        }
        var normalized = Normalize(rule);
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var part in normalized.Split(';'))
        {
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            var name = equals > 0 ? part[..equals] : part;
            if (equals <= 0 || equals == part.Length - 1)
            {
                return $"'{Shorten(part)}' is not NAME=VALUE.";
            }
            if (!AllowedParts.Contains(name))
            {
                return $"{Shorten(name)} is not supported (the departure time fixes the time of day).";
            }
            if (!names.Add(name))
            {
                return $"{name} appears twice.";
            }
        }
        if (!names.Contains("FREQ"))
        {
            return "FREQ is required.";
        }
        if (names.Contains("COUNT") && names.Contains("UNTIL"))
        {
            return "Give COUNT or UNTIL, not both (RFC 5545).";
        }
        RecurrencePattern pattern;
        try
        {
            pattern = new RecurrencePattern(normalized);
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or OverflowException or InvalidOperationException)
        {
            return "Not a valid RFC 5545 RRULE.";
        }
        if (pattern.Frequency is not (FrequencyType.Daily or FrequencyType.Weekly or FrequencyType.Monthly or FrequencyType.Yearly))
        {
            return "FREQ must be DAILY, WEEKLY, MONTHLY or YEARLY.";
        }
        if (pattern.Interval is < 1 or > 366 || pattern.Count is < 1 or > 10000)
        {
            return "INTERVAL must be 1 to 366 and COUNT 1 to 10000.";
        }
        return null;
    }

    private static string Shorten(string text) => text.Length > 20 ? text[..20] + "…" : text;
}
