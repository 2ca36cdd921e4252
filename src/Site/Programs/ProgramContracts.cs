using OrleansRides.GrainInterfaces.Errors;

namespace OrleansRides.Site.Programs;

/// <summary>One weekly slot as a client sends it.</summary>
/// <param name="DayOfWeek">ISO day of week, 1 = Monday … 7 = Sunday, in the station's time zone.</param>
/// <param name="Start">Local start time <c>HH:mm</c> (00:00–23:59).</param>
/// <param name="End">Local end time <c>HH:mm</c>; at or before <paramref name="Start"/> means the next day (a slot across
/// midnight). Equal to the start is refused (a zero-length or 24-hour slot is ambiguous).</param>
public sealed record ProgramSlotInput(int? DayOfWeek, string? Start, string? End);

/// <summary><c>POST /api/v1/programs</c> and <c>PUT /api/v1/programs/{id}</c> body. PUT is partial: absent (null) fields stay
/// as they are; <paramref name="Slots"/>, when given, replaces every slot.</summary>
/// <param name="Name">1–200 characters, one line.</param>
/// <param name="Slug">Optional <c>^[a-z0-9-]+$</c>, at most 60; derived from the name when absent on create.</param>
/// <param name="Type">The programme's kind (for example <c>music</c>, <c>talk</c>, <c>worship</c>), 1–50 characters.</param>
/// <param name="Description">At most 2,000 characters, may span lines.</param>
/// <param name="HostUserId">The host's account, which must have role <c>penyiar</c>; not with <paramref name="HostName"/>.</param>
/// <param name="HostName">A guest host's name, 1–100 characters; not with <paramref name="HostUserId"/>.</param>
/// <param name="Slots">At most <see cref="ProgramValidator.MaxSlots"/> weekly slots, none overlapping each other or another
/// programme's.</param>
public sealed record ProgramRequest(
    string? Name, string? Slug, string? Type, string? Description, Guid? HostUserId, string? HostName,
    IReadOnlyList<ProgramSlotInput>? Slots);

/// <summary>Who presents a programme.</summary>
/// <param name="UserId">The penyiar's account id; null for a guest host.</param>
/// <param name="Name">The account's name or the guest host's name; empty when the programme has no host.</param>
public sealed record ProgramHost(Guid? UserId, string Name);

/// <summary>A stored weekly slot.</summary>
/// <param name="Id">Slot id.</param>
/// <param name="DayOfWeek">ISO day, 1 = Monday.</param>
/// <param name="Start">Local <c>HH:mm</c>.</param>
/// <param name="End">Local <c>HH:mm</c>; at or before the start: the next day.</param>
public sealed record ProgramSlot(Guid Id, int DayOfWeek, string Start, string End);

/// <summary>A programme: <c>{ id, slug, name, type, description, host: { userId, name }, slots }</c>.</summary>
/// <param name="Id">Programme id.</param>
/// <param name="Slug">URL slug, unique among programmes.</param>
/// <param name="Name">Display name.</param>
/// <param name="Type">Kind of programme.</param>
/// <param name="Description">Optional description.</param>
/// <param name="Host">Its host.</param>
/// <param name="Slots">Its weekly slots by day and start.</param>
public sealed record RadioProgram(Guid Id, string Slug, string Name, string Type, string? Description, ProgramHost Host,
    IReadOnlyList<ProgramSlot> Slots);

/// <summary>One slot of one programme on one date.</summary>
/// <param name="ProgramId">The programme.</param>
/// <param name="ProgramSlug">Its slug.</param>
/// <param name="ProgramName">Its name.</param>
/// <param name="Type">Its kind.</param>
/// <param name="Host">Its host.</param>
/// <param name="LocalDate">The station-local date the slot starts on, <c>YYYY-MM-DD</c>.</param>
/// <param name="DayOfWeek">ISO day of <paramref name="LocalDate"/>, 1 = Monday.</param>
/// <param name="LocalStart">Station-local start, <c>YYYY-MM-DDTHH:mm</c> (as the slot says, even inside a spring-forward
/// gap; <paramref name="StartUtc"/> is the real instant).</param>
/// <param name="LocalEnd">Station-local end, <c>YYYY-MM-DDTHH:mm</c> (the next day for a slot across midnight).</param>
/// <param name="StartUtc">The start instant, UTC.</param>
/// <param name="EndUtc">The end instant, UTC.</param>
public sealed record SlotOccurrence(Guid ProgramId, string ProgramSlug, string ProgramName, string Type, ProgramHost Host,
    string LocalDate, int DayOfWeek, string LocalStart, string LocalEnd, DateTimeOffset StartUtc, DateTimeOffset EndUtc);

/// <summary><c>GET /api/v1/programs/schedule</c>: one station-local week, Monday to Sunday.</summary>
/// <param name="TimeZone">The station's IANA zone (<c>Site:TimeZone</c>).</param>
/// <param name="WeekStart">The week's Monday, <c>YYYY-MM-DD</c>, station-local.</param>
/// <param name="Slots">Every slot starting in the week, in start order.</param>
public sealed record WeekSchedule(string TimeZone, string WeekStart, IReadOnlyList<SlotOccurrence> Slots);

/// <summary><c>GET /api/v1/programs/now</c>.</summary>
/// <param name="TimeZone">The station's IANA zone.</param>
/// <param name="Now">The slot on air now (start ≤ now &lt; end), or null.</param>
/// <param name="Next">The first slot starting after now within the coming week, or null.</param>
public sealed record OnAir(string TimeZone, SlotOccurrence? Now, SlotOccurrence? Next);

/// <summary>Error codes of the programmes module.</summary>
public static class ProgramsErrors
{
    /// <inheritdoc cref="ErrorCodes.ProgramNotFound"/>
    public const string ProgramNotFound = ErrorCodes.ProgramNotFound;
    /// <inheritdoc cref="ErrorCodes.SlotOverlap"/>
    public const string SlotOverlap = ErrorCodes.SlotOverlap;
    /// <inheritdoc cref="ErrorCodes.SlugTaken"/>
    public const string SlugTaken = ErrorCodes.SlugTaken;
}
