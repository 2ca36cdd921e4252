using System.Text.RegularExpressions;
using FluentValidation;
using OrleansRides.Catalog;
using OrleansRides.GrainInterfaces.Text;

namespace OrleansRides.Site.Membership;

/// <summary>Field rules for a <see cref="TierRequest"/> that updates a tier: each field, when present, valid.</summary>
public class TierValidator : AbstractValidator<TierRequest>
{
    /// <summary>Most benefits a tier lists (the info page shows them as one short list).</summary>
    public const int MaxBenefits = 20;

    /// <summary>Longest tier name.</summary>
    public const int MaxNameLength = 100;

    /// <summary>Builds the rules.</summary>
    public TierValidator()
    {
        RuleFor(r => r.Name).Must(v => !string.IsNullOrWhiteSpace(v)).WithMessage("'Name' must not be empty.")
            .SingleLineText(MaxNameLength).When(r => r.Name is not null);
        RuleFor(r => r.Slug).OptionalSlug();
        RuleFor(r => r.Description).MultiLineText(500);
        RuleFor(r => r.Benefits).Must(b => b!.Count <= MaxBenefits).WithMessage($"At most {MaxBenefits} benefits.")
            .When(r => r.Benefits is not null);
        RuleForEach(r => r.Benefits).Must(v => !string.IsNullOrWhiteSpace(v)).WithMessage("A benefit must not be empty.")
            .SingleLineText(200);
        RuleFor(r => r.Position).InclusiveBetween(0, 1000);
    }
}

/// <summary>Field rules for a <see cref="TierRequest"/> that creates a tier: the update rules plus a required name, from
/// which the slug is derived when none is given.</summary>
public sealed class NewTierValidator : TierValidator
{
    /// <summary>Builds the rules.</summary>
    public NewTierValidator()
    {
        RuleFor(r => r.Name).NotNull().WithMessage("'Name' is required.");
        RuleFor(r => Slugs.Effective(r.Slug, r.Name)).NotNull().OverridePropertyName("Slug")
            .WithMessage("No slug can be derived from this name; give one.")
            .When(r => r.Slug is null && !string.IsNullOrWhiteSpace(r.Name));
    }
}

/// <summary>Field rules for a <see cref="RegistrationRequest"/>. Whether <see cref="RegistrationRequest.PartnershipType"/>
/// names an existing tier is decided when storing (<see cref="RegistrationRepository.RegisterAsync"/>), in the same
/// statement, so that a tier removed meanwhile cannot slip through.</summary>
public sealed partial class RegistrationValidator : AbstractValidator<RegistrationRequest>
{
    /// <summary>Longest phone number: the station's form field, room for <c>+62 (21) 5555-1234 ext</c> spellings.</summary>
    public const int MaxPhoneLength = 30;

    /// <summary>Builds the rules.</summary>
    public RegistrationValidator()
    {
        RuleFor(r => r.Name).Must(v => !string.IsNullOrWhiteSpace(v)).WithMessage("'Name' must not be empty.").SingleLineText(100);
        RuleFor(r => r.Email).NotEmpty().SingleLineText(TextRules.MaxEmailLength)
            .Must(EmailAddresses.IsValid).WithMessage("Not a valid email address.");
        RuleFor(r => r.Phone).SingleLineText(MaxPhoneLength)
            .Must(IsPhoneNumber).WithMessage("Use digits, spaces, '+', '-' and parentheses, with at least 6 digits.")
            .When(r => !string.IsNullOrWhiteSpace(r.Phone));
        RuleFor(r => r.PartnershipType).NotEmpty().SingleLineText(Slugs.MaxLength);
        RuleFor(r => r.Message).MultiLineText(2000);
    }

    /// <summary>Whether <paramref name="phone"/> is spelled like a phone number (E.164-ish: <c>+62 21 555-1234</c>,
    /// <c>(021) 5551234</c>): only digits, spaces, <c>+</c>, <c>-</c>, parentheses, and 6 to 15 digits (E.164's most).</summary>
    public static bool IsPhoneNumber(string? phone) =>
        phone is not null && PhoneCharacters().IsMatch(phone) && phone.Count(char.IsAsciiDigit) is >= 6 and <= 15;

    [GeneratedRegex(@"^[0-9 +\-()]+$", RegexOptions.CultureInvariant)]
    private static partial Regex PhoneCharacters();
}
