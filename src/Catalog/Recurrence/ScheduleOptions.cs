namespace OrleansRides.Catalog.Recurrence;

/// <summary>Settings of the recurrence expansion (section <c>Catalog</c>; <c>Catalog__ScheduleHorizonDays</c> in the
/// environment).</summary>
public sealed class ScheduleOptions
{
    /// <summary>How far ahead recurring routes get their rides: local dates from today through today + this many days, 1–366
    /// (default 60, issue 9).</summary>
    public int ScheduleHorizonDays { get; set; } = 60;
}
