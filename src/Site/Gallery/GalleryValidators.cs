using System.Globalization;
using FluentValidation;
using OrleansRides.Catalog;

namespace OrleansRides.Site.Gallery;

/// <summary>Field rules for <see cref="GalleryFields"/>: title 2–255 one line (required on create), description ≤ 1000.</summary>
public sealed class GalleryFieldsValidator : AbstractValidator<GalleryFields>
{
    /// <summary>Builds the rules.</summary>
    public GalleryFieldsValidator()
    {
        RuleFor(f => f.Title).NotEmpty().When(f => f.IsCreate || f.Title is not null);
        RuleFor(f => f.Title).SingleLineText(255).MinimumLength(2).When(f => f.Title is not null);
        RuleFor(f => f.Description).MultiLineText(1000);
    }
}

/// <summary>Rules for <see cref="GalleryListRequest"/>: page ≥ 1, limit 1–50, a known type, parseable dates.</summary>
public sealed class GalleryListValidator : AbstractValidator<GalleryListRequest>
{
    /// <summary>Builds the rules.</summary>
    public GalleryListValidator()
    {
        RuleFor(r => r.Page).GreaterThanOrEqualTo(1);
        RuleFor(r => r.Limit).InclusiveBetween(1, PageQuery.MaxLimit);
        RuleFor(r => r.Type).Must(t => t is null || ImageFormats.FromTypeName(t) is not null).WithMessage("'type' must be jpeg, png, gif or webp.");
        RuleFor(r => r.From).Must(v => v is null || ParseBound(v, isEnd: false) is not null).WithMessage("'from' must be an ISO 8601 date or instant.");
        RuleFor(r => r.To).Must(v => v is null || ParseBound(v, isEnd: true) is not null).WithMessage("'to' must be an ISO 8601 date or instant.");
    }

    /// <summary>The UTC instant of a <c>from</c>/<c>to</c> value: a date is its midnight UTC, or the next midnight for
    /// <paramref name="isEnd"/>; an instant without offset is UTC. Null when unparseable.</summary>
    public static DateTime? ParseBound(string value, bool isEnd)
    {
        if (value.Length > 40)
        {
            return null;
        }
        if (DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc).AddDays(isEnd && date < DateOnly.MaxValue ? 1 : 0);
        }
        return DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var instant) && value.Contains('T')
            ? instant.UtcDateTime
            : null;
    }
}
