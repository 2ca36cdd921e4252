using NodaTime;
using OrleansRides.Site.Programs;

namespace OrleansRides.Site.Tests;

/// <summary>The schedule's calendar arithmetic (no database): station-local weeks, slots as local and UTC instants, across
/// midnight and daylight-saving changes, and what is on air at slot boundaries.</summary>
public sealed class ScheduleTests
{
    private static readonly DateTimeZone Jakarta = DateTimeZoneProviders.Tzdb["Asia/Jakarta"];
    private static readonly DateTimeZone Berlin = DateTimeZoneProviders.Tzdb["Europe/Berlin"];

    private static RadioProgram Program(string name, params (int Day, string Start, string End)[] slots) =>
        new(Guid.NewGuid(), name.ToLowerInvariant(), name, "music", null, new ProgramHost(null, "Host"),
            slots.Select(s => new ProgramSlot(Guid.NewGuid(), s.Day, s.Start, s.End)).ToList());

    private static Instant At(string iso) => Instant.FromDateTimeOffset(DateTimeOffset.Parse(iso, System.Globalization.CultureInfo.InvariantCulture));

    [Fact]
    public void A_Jakarta_slot_is_seven_hours_ahead_of_UTC_in_the_week_of_now()
    {
        var week = new StationSchedule(Jakarta).Week([Program("Pagi", (1, "20:00", "22:00"))], At("2026-12-02T03:00:00Z"), 0);

        Assert.Equal("Asia/Jakarta", week.TimeZone);
        Assert.Equal("2026-11-30", week.WeekStart);
        var slot = Assert.Single(week.Slots);
        Assert.Equal(("2026-11-30", 1, "2026-11-30T20:00", "2026-11-30T22:00"), (slot.LocalDate, slot.DayOfWeek, slot.LocalStart, slot.LocalEnd));
        Assert.Equal(DateTimeOffset.Parse("2026-11-30T13:00:00Z"), slot.StartUtc);
        Assert.Equal(DateTimeOffset.Parse("2026-11-30T15:00:00Z"), slot.EndUtc);
    }

    [Fact]
    public void A_slot_whose_end_is_before_its_start_ends_the_next_day()
    {
        var slot = Assert.Single(new StationSchedule(Jakarta).Week([Program("Malam", (7, "23:00", "01:00"))], At("2026-12-02T03:00:00Z"), 0).Slots);

        Assert.Equal(("2026-12-06T23:00", "2026-12-07T01:00"), (slot.LocalStart, slot.LocalEnd));
        Assert.Equal(TimeSpan.FromHours(2), slot.EndUtc - slot.StartUtc);
    }

    [Fact]
    public void Slots_come_in_start_order_across_programmes()
    {
        var week = new StationSchedule(Jakarta).Week(
            [Program("B", (3, "08:00", "09:00"), (1, "10:00", "11:00")), Program("A", (2, "06:00", "07:00"))], At("2026-12-02T03:00:00Z"), 0);

        Assert.Equal(["2026-11-30T10:00", "2026-12-01T06:00", "2026-12-02T08:00"], week.Slots.Select(s => s.LocalStart));
    }

    [Fact]
    public void Berlin_spring_forward_shortens_a_slot_across_the_change_and_moves_later_slots_by_an_hour_in_UTC()
    {
        // 2027-03-28 is the last Sunday of March: 02:00 CET becomes 03:00 CEST.
        var week = new StationSchedule(Berlin).Week(
            [Program("Night", (6, "10:00", "11:00"), (7, "01:00", "04:00")), Program("Monday", (1, "10:00", "11:00"))], At("2027-03-24T12:00:00Z"), 0);

        Assert.Equal("2027-03-22", week.WeekStart);
        var saturday = week.Slots.Single(s => s.DayOfWeek == 6);
        var sunday = week.Slots.Single(s => s.DayOfWeek == 7);
        Assert.Equal(DateTimeOffset.Parse("2027-03-27T09:00:00Z"), saturday.StartUtc);
        Assert.Equal(DateTimeOffset.Parse("2027-03-28T00:00:00Z"), sunday.StartUtc);
        Assert.Equal(DateTimeOffset.Parse("2027-03-28T02:00:00Z"), sunday.EndUtc);
        var nextMonday = Assert.Single(new StationSchedule(Berlin).Week([Program("Monday", (1, "10:00", "11:00"))], At("2027-03-24T12:00:00Z"), 1).Slots);
        Assert.Equal(DateTimeOffset.Parse("2027-03-29T08:00:00Z"), nextMonday.StartUtc);
    }

    [Fact]
    public void Berlin_fall_back_lengthens_a_slot_across_the_change()
    {
        // 2027-10-31 is the last Sunday of October: 03:00 CEST becomes 02:00 CET.
        var sunday = Assert.Single(new StationSchedule(Berlin).Week([Program("Night", (7, "01:00", "04:00"))], At("2027-10-27T12:00:00Z"), 0).Slots);

        Assert.Equal(DateTimeOffset.Parse("2027-10-30T23:00:00Z"), sunday.StartUtc);
        Assert.Equal(DateTimeOffset.Parse("2027-10-31T03:00:00Z"), sunday.EndUtc);
        Assert.Equal(TimeSpan.FromHours(4), sunday.EndUtc - sunday.StartUtc);
    }

    [Fact]
    public void A_slot_inside_the_spring_forward_gap_starts_when_the_gap_ends_or_is_left_out_when_nothing_is_left()
    {
        var week = new StationSchedule(Berlin).Week(
            [Program("Gap", (7, "02:30", "03:00")), Program("Late", (7, "02:30", "05:00"))], At("2027-03-24T12:00:00Z"), 0);

        var late = Assert.Single(week.Slots);
        Assert.Equal("Late", late.ProgramName);
        Assert.Equal(DateTimeOffset.Parse("2027-03-28T01:30:00Z"), late.StartUtc);
        Assert.Equal(DateTimeOffset.Parse("2027-03-28T03:00:00Z"), late.EndUtc);
    }

    [Theory]
    [InlineData("2026-11-29T16:59:59Z", 0, "2026-11-23")] // Sunday 23:59:59 in Jakarta: still last week
    [InlineData("2026-11-29T17:00:00Z", 0, "2026-11-30")] // Monday 00:00 in Jakarta: the new week
    [InlineData("2026-12-02T03:00:00Z", 52, "2027-11-29")]
    [InlineData("2026-12-02T03:00:00Z", -52, "2025-12-01")]
    [InlineData("2026-12-02T03:00:00Z", 1, "2026-12-07")]
    public void The_week_starts_on_the_local_Monday_of_now_plus_the_offset(string now, int weekOffset, string monday)
    {
        Assert.Equal(monday, new StationSchedule(Jakarta).Week([], At(now), weekOffset).WeekStart);
    }

    [Theory]
    [InlineData("2026-11-30T02:59:59Z", null, "A")]  // 09:59:59 local: nothing yet, A next
    [InlineData("2026-11-30T03:00:00Z", "A", "B")]   // 10:00 local: A starts
    [InlineData("2026-11-30T04:59:59Z", "A", "B")]
    [InlineData("2026-11-30T05:00:00Z", "B", "C")]   // 12:00: A ends as B starts (back to back)
    [InlineData("2026-11-30T07:00:00Z", null, "C")]  // 14:00: B ended, C on Wednesday next
    public void On_air_and_next_at_slot_boundaries(string now, string? onAir, string next)
    {
        var programs = new[] { Program("A", (1, "10:00", "12:00")), Program("B", (1, "12:00", "14:00")), Program("C", (3, "08:00", "09:00")) };

        var result = new StationSchedule(Jakarta).OnAirAt(programs, At(now));

        Assert.Equal(onAir, result.Now?.ProgramName);
        Assert.Equal(next, result.Next?.ProgramName);
    }

    [Fact]
    public void A_Sunday_night_slot_is_on_air_after_midnight_and_next_wraps_to_next_week()
    {
        var programs = new[] { Program("Late", (7, "23:00", "02:00")), Program("Early", (1, "06:00", "07:00")) };

        // Monday 00:30 local: Late started yesterday, last week by the calendar.
        var monday = new StationSchedule(Jakarta).OnAirAt(programs, At("2026-11-29T17:30:00Z"));
        Assert.Equal(("Late", "2026-11-29T23:00", "Early"), (monday.Now?.ProgramName, monday.Now?.LocalStart, monday.Next?.ProgramName));

        // Sunday 22:00 local: nothing on, Late next; after Late, Early of the following week.
        var sunday = new StationSchedule(Jakarta).OnAirAt([Program("Early", (1, "06:00", "07:00"))], At("2026-12-06T15:00:00Z"));
        Assert.Null(sunday.Now);
        Assert.Equal("2026-12-07T06:00", sunday.Next?.LocalStart);
    }

    [Fact]
    public void Today_lists_the_slots_starting_on_the_local_date()
    {
        var programs = new[] { Program("Late", (1, "23:00", "02:00")), Program("Tuesday", (2, "06:00", "07:00")) };

        var (date, slots) = new StationSchedule(Jakarta).Today(programs, At("2026-11-30T18:00:00Z")); // Tuesday 01:00 local

        Assert.Equal("2026-12-01", date);
        Assert.Equal(["Tuesday"], slots.Select(s => s.ProgramName));
    }

    [Theory]
    [InlineData(1, "10:00", "12:00", 1, "11:00", "13:00", true)]
    [InlineData(1, "10:00", "12:00", 1, "12:00", "13:00", false)] // back to back
    [InlineData(7, "23:00", "01:00", 1, "00:30", "02:00", true)]  // Sunday night into Monday, across the week's end
    [InlineData(7, "23:00", "01:00", 1, "01:00", "02:00", false)]
    [InlineData(2, "22:00", "02:00", 3, "01:00", "03:00", true)]  // across midnight mid-week
    [InlineData(2, "10:00", "11:00", 3, "10:00", "11:00", false)] // same time, another day
    public void Slots_overlap_when_their_wall_clock_intervals_share_a_minute(int dayA, string startA, string endA, int dayB, string startB, string endB, bool overlap)
    {
        var a = WeeklySlots.Interval(dayA, WeeklySlots.ParseTime(startA)!.Value, WeeklySlots.ParseTime(endA)!.Value);
        var b = WeeklySlots.Interval(dayB, WeeklySlots.ParseTime(startB)!.Value, WeeklySlots.ParseTime(endB)!.Value);

        Assert.Equal(overlap, WeeklySlots.Overlap(a, b));
        Assert.Equal(overlap, WeeklySlots.Overlap(b, a));
    }

    [Theory]
    [InlineData("25:00")]
    [InlineData("24:00")]
    [InlineData("9:00")]
    [InlineData("09:60")]
    [InlineData("09:00:00")]
    [InlineData("")]
    [InlineData(null)]
    public void Times_are_HH_mm_within_a_day(string? text)
    {
        Assert.Null(WeeklySlots.ParseTime(text));
    }
}
