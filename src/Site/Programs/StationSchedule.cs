using NodaTime;
using NodaTime.Text;

namespace OrleansRides.Site.Programs;

/// <summary>The station's programmes laid on the calendar in its time zone (NodaTime, TZDB). A week runs Monday 00:00 to
/// Sunday 24:00 local. Each slot's local start and end become instants with <see cref="LocalDateTime.InZoneLeniently"/>
/// (as rides do, decision 70): a time inside a spring-forward gap moves forward by the gap, one inside an autumn overlap is
/// the earlier instant. A slot that has no length left on a transition day (02:30–03:00 on the day 02:00 becomes 03:00)
/// does not air that day and is left out.</summary>
public sealed class StationSchedule(DateTimeZone zone)
{
    private static readonly LocalDatePattern DatePattern = LocalDatePattern.Iso;
    private static readonly LocalDateTimePattern DateTimePattern = LocalDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mm");

    /// <summary>The zone's IANA id.</summary>
    public string TimeZone => zone.Id;

    /// <summary>The Monday of the local week <paramref name="weekOffset"/> weeks from the one containing <paramref name="now"/>.</summary>
    public LocalDate WeekStart(Instant now, int weekOffset) =>
        now.InZone(zone).Date.With(DateAdjusters.PreviousOrSame(IsoDayOfWeek.Monday)).PlusWeeks(weekOffset);

    /// <summary>Every slot of <paramref name="programs"/> starting in the week <paramref name="weekOffset"/> weeks from now's,
    /// in start order (then programme name).</summary>
    public WeekSchedule Week(IEnumerable<RadioProgram> programs, Instant now, int weekOffset)
    {
        var monday = WeekStart(now, weekOffset);
        return new WeekSchedule(zone.Id, DatePattern.Format(monday), Occurrences(programs, monday).ToList());
    }

    /// <summary>What is on air at <paramref name="now"/> (start ≤ now &lt; end) and the first slot starting after now.</summary>
    public OnAir OnAirAt(IReadOnlyList<RadioProgram> programs, Instant now)
    {
        // The previous week for a Sunday-night slot still running on Monday, the next for what follows late on Sunday.
        var monday = WeekStart(now, 0);
        var around = new[] { monday.PlusWeeks(-1), monday, monday.PlusWeeks(1) }.SelectMany(week => Occurrences(programs, week)).ToList();
        var at = now.ToDateTimeOffset();
        return new OnAir(zone.Id,
            around.FirstOrDefault(o => o.StartUtc <= at && at < o.EndUtc),
            around.FirstOrDefault(o => o.StartUtc > at));
    }

    /// <summary>The slots starting on <paramref name="now"/>'s local date, in start order.</summary>
    public (string Date, IReadOnlyList<SlotOccurrence> Slots) Today(IReadOnlyList<RadioProgram> programs, Instant now)
    {
        var today = now.InZone(zone).Date;
        var date = DatePattern.Format(today);
        return (date, Occurrences(programs, WeekStart(now, 0)).Where(o => o.LocalDate == date).ToList());
    }

    private IEnumerable<SlotOccurrence> Occurrences(IEnumerable<RadioProgram> programs, LocalDate monday) =>
        programs.SelectMany(program => program.Slots.Select(slot => Occurrence(program, slot, monday)))
            .OfType<SlotOccurrence>()
            .OrderBy(o => o.StartUtc).ThenBy(o => o.ProgramName, StringComparer.Ordinal);

    private SlotOccurrence? Occurrence(RadioProgram program, ProgramSlot slot, LocalDate monday)
    {
        var date = monday.PlusDays(slot.DayOfWeek - 1);
        var start = WeeklySlots.ParseTime(slot.Start)!.Value;
        var end = WeeklySlots.ParseTime(slot.End)!.Value;
        var localStart = date + start;
        var localEnd = (end <= start ? date.PlusDays(1) : date) + end;
        var startUtc = localStart.InZoneLeniently(zone).ToInstant();
        var endUtc = localEnd.InZoneLeniently(zone).ToInstant();
        if (endUtc <= startUtc)
        {
            return null;
        }
        return new SlotOccurrence(program.Id, program.Slug, program.Name, program.Type, program.Host, DatePattern.Format(date),
            slot.DayOfWeek, DateTimePattern.Format(localStart), DateTimePattern.Format(localEnd),
            startUtc.ToDateTimeOffset(), endUtc.ToDateTimeOffset());
    }
}
