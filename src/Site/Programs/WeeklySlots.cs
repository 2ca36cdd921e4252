using System.Globalization;
using NodaTime;
using NodaTime.Text;

namespace OrleansRides.Site.Programs;

/// <summary>Weekly slots as minutes of the station's local week (Monday 00:00 = 0, a week = 10,080 minutes), for the overlap
/// rule: two slots overlap when their wall-clock intervals share a minute, on a circular week (a Sunday 23:00–01:00 slot
/// meets Monday 00:30). Wall-clock, not UTC: the schedule is a weekly local plan, and a daylight-saving change moves every
/// slot of the day alike.</summary>
public static class WeeklySlots
{
    /// <summary>Minutes in a week.</summary>
    public const int WeekMinutes = 7 * 24 * 60;

    /// <summary>The <c>HH:mm</c> pattern of slot times (24-hour, two digits each).</summary>
    public static readonly LocalTimePattern TimePattern = LocalTimePattern.CreateWithInvariantCulture("HH':'mm");

    /// <summary>The local time written <c>HH:mm</c> (00:00–23:59), or null.</summary>
    public static LocalTime? ParseTime(string? text) =>
        text is { Length: 5 } && TimePattern.Parse(text) is { Success: true } result ? result.Value : null;

    /// <summary>The <c>HH:mm</c> form of a time.</summary>
    public static string Format(LocalTime time) => TimePattern.Format(time);

    /// <summary>The <c>HH:mm</c> form of a <see cref="TimeOnly"/> (as Npgsql reads <c>time</c>).</summary>
    public static string Format(TimeOnly time) => time.ToString("HH':'mm", CultureInfo.InvariantCulture);

    /// <summary>The slot's [start, end) in minutes of the week; the end may pass <see cref="WeekMinutes"/> (Sunday night into
    /// Monday).</summary>
    public static (int Start, int End) Interval(int dayOfWeek, LocalTime start, LocalTime end)
    {
        var from = (dayOfWeek - 1) * 24 * 60 + start.Hour * 60 + start.Minute;
        var length = (end.Hour * 60 + end.Minute) - (start.Hour * 60 + start.Minute);
        return (from, from + (length <= 0 ? length + 24 * 60 : length));
    }

    /// <summary>Whether two week intervals (<see cref="Interval"/>) share a minute, the week taken as circular.</summary>
    public static bool Overlap((int Start, int End) a, (int Start, int End) b)
    {
        foreach (var shift in (ReadOnlySpan<int>)[-WeekMinutes, 0, WeekMinutes])
        {
            if (a.Start < b.End + shift && b.Start + shift < a.End)
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>The first pair of overlapping intervals' indexes in <paramref name="intervals"/>, or null.</summary>
    public static (int First, int Second)? FirstOverlap(IReadOnlyList<(int Start, int End)> intervals)
    {
        for (var i = 0; i < intervals.Count; i++)
        {
            for (var j = i + 1; j < intervals.Count; j++)
            {
                if (Overlap(intervals[i], intervals[j]))
                {
                    return (i, j);
                }
            }
        }
        return null;
    }
}
