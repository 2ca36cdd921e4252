using FluentValidation;
using OrleansRides.Catalog.Sessions;

namespace OrleansRides.Catalog.Demand;

/// <summary>Field rules for <see cref="CreateDemandRequest"/> that need no database (the region's existence and extent are
/// checked by <see cref="DemandRepository"/>); error keys are paths such as <c>start.lat</c> or
/// <c>preferredTimeRanges[2]</c>.</summary>
public sealed class CreateDemandValidator : AbstractValidator<CreateDemandRequest>
{
    /// <summary>Builds the rules.</summary>
    public CreateDemandValidator()
    {
        RuleFor(r => r.Start).NotNull().SetValidator(new PointValidator()!);
        RuleFor(r => r.End).NotNull().SetValidator(new PointValidator()!);
        RuleFor(r => r.RegionId).NotNull();
        RuleFor(r => r.PreferredDays)
            .Must(days => days is null || days.Length <= DemandRules.MaxDays).WithMessage($"At most {DemandRules.MaxDays} days.")
            .Must(days => days is null || days.Distinct().Count() == days.Length).WithMessage("Each day at most once.");
        RuleForEach(r => r.PreferredDays).InclusiveBetween(0, 6).WithMessage("A day is 0 (Sunday) to 6 (Saturday).");
        RuleFor(r => r.PreferredTimeRanges)
            .Must(ranges => ranges is null || ranges.Length <= DemandRules.MaxTimeRanges)
            .WithMessage($"At most {DemandRules.MaxTimeRanges} time ranges.");
        RuleForEach(r => r.PreferredTimeRanges).Must(DemandRules.IsTimeRange)
            .WithMessage("Use HH:mm-HH:mm with the start before the end, for example 07:00-09:00.");
        RuleFor(r => r.Fingerprint).Fingerprint();
        RuleFor(r => r.Fingerprint).Null().When(r => r.SessionId is not null).WithMessage("Give sessionId or fingerprint, not both.");
    }

    private sealed class PointValidator : AbstractValidator<DemandPoint>
    {
        public PointValidator()
        {
            RuleFor(p => p.Lat).NotNull().InclusiveBetween(-90, 90);
            RuleFor(p => p.Lng).NotNull().InclusiveBetween(-180, 180);
            RuleFor(p => p.Address).SingleLineText(DemandRules.MaxAddressLength);
        }
    }
}
