using FluentValidation;
using NodaTime;

namespace OrleansRides.Catalog.Regions;

/// <summary>Field rules for <see cref="RegionRequest"/>; error keys are camelCase paths such as <c>center.lat</c>.</summary>
public sealed class RegionValidator : AbstractValidator<RegionRequest>
{
    /// <summary>Builds the rules.</summary>
    public RegionValidator()
    {
        this.NameAndSlug(r => r.Name, r => r.Slug, 100);
        RuleFor(r => r.TimeZone).NotEmpty().SingleLineText(64).Must(IsKnownZone)
            .WithMessage("Not an IANA time zone id (such as Europe/Berlin).");
        RuleFor(r => r.Center).NotNull().ChildRules(center =>
        {
            center.RuleFor(c => c!.Lat).NotNull().InclusiveBetween(-90, 90);
            center.RuleFor(c => c!.Lng).NotNull().InclusiveBetween(-180, 180);
        });
        RuleFor(r => r.Bounds!).ChildRules(bounds =>
        {
            bounds.RuleFor(b => b.South).NotNull().InclusiveBetween(-90, 90);
            bounds.RuleFor(b => b.North).NotNull().InclusiveBetween(-90, 90).GreaterThanOrEqualTo(b => b.South);
            bounds.RuleFor(b => b.West).NotNull().InclusiveBetween(-180, 180);
            bounds.RuleFor(b => b.East).NotNull().InclusiveBetween(-180, 180);
        }).When(r => r.Bounds is not null);
    }

    /// <summary>Whether NodaTime's bundled TZDB knows the id (canonical ids and links such as <c>Asia/Calcutta</c>).</summary>
    public static bool IsKnownZone(string? zoneId) => zoneId is not null && DateTimeZoneProviders.Tzdb.GetZoneOrNull(zoneId) is not null;
}
