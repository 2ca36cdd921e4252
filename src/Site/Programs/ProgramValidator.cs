using FluentValidation;
using OrleansRides.Catalog;

namespace OrleansRides.Site.Programs;

/// <summary>Field rules for <see cref="ProgramRequest"/>. On create (<c>isCreate</c>) name and type are required; on update
/// every field is optional, and those given follow the same rules. Whether <see cref="ProgramRequest.HostUserId"/> is a
/// penyiar and whether slots overlap other programmes' are the repository's checks (they need the database).</summary>
public sealed class ProgramValidator : AbstractValidator<ProgramRequest>
{
    /// <summary>Most slots one programme may have (a daily show twice a day is 14).</summary>
    public const int MaxSlots = 50;

    /// <summary>Builds the rules for a create (<paramref name="isCreate"/>) or a partial update.</summary>
    public ProgramValidator(bool isCreate)
    {
        if (isCreate)
        {
            RuleFor(r => r.Name).NotEmpty();
            RuleFor(r => r.Type).NotEmpty();
            RuleFor(r => Slugs.Effective(r.Slug, r.Name)).NotNull().OverridePropertyName("Slug")
                .WithMessage("No slug can be derived from this name; give one.")
                .When(r => r.Slug is null && !string.IsNullOrWhiteSpace(r.Name));
        }
        RuleFor(r => r.Name).Must(v => v is null || v.Trim().Length > 0).WithMessage("'Name' must not be blank.").SingleLineText(200);
        RuleFor(r => r.Slug).OptionalSlug();
        RuleFor(r => r.Type).Must(v => v is null || v.Trim().Length > 0).WithMessage("'Type' must not be blank.").SingleLineText(50);
        RuleFor(r => r.Description).MultiLineText(2000);
        RuleFor(r => r.HostName).Must(v => v is null || v.Trim().Length > 0).WithMessage("'Host Name' must not be blank.").SingleLineText(100);
        RuleFor(r => r.HostName).Null().WithMessage("Give hostUserId or hostName, not both.").When(r => r.HostUserId is not null);
        RuleFor(r => r.Slots!.Count).LessThanOrEqualTo(MaxSlots).OverridePropertyName("Slots").When(r => r.Slots is not null);
        RuleForEach(r => r.Slots).NotNull().SetValidator(new SlotValidator()).When(r => r.Slots is { Count: <= MaxSlots });
    }

    private sealed class SlotValidator : AbstractValidator<ProgramSlotInput>
    {
        public SlotValidator()
        {
            RuleFor(s => s.DayOfWeek).NotNull().InclusiveBetween(1, 7).WithMessage("'Day Of Week' must be 1 (Monday) to 7 (Sunday).");
            RuleFor(s => s.Start).Must(t => WeeklySlots.ParseTime(t) is not null).WithMessage("'Start' must be a time HH:mm (00:00–23:59).");
            RuleFor(s => s.End).Must(t => WeeklySlots.ParseTime(t) is not null).WithMessage("'End' must be a time HH:mm (00:00–23:59).");
            RuleFor(s => s.End).NotEqual(s => s.Start).WithMessage("'End' must differ from 'Start'.");
        }
    }
}
