using FluentValidation;
using OrleansRides.Catalog;

namespace OrleansRides.Site.Pages;

/// <summary>Field rules for <see cref="PageEditRequest"/>: on create title and content are required; on update each field is
/// optional and follows the same rules when given.</summary>
public sealed class PageValidator : AbstractValidator<PageEditRequest>
{
    /// <summary>Longest content accepted, in UTF-16 code units (a long page; the request body limit is 1 MB).</summary>
    public const int MaxContentLength = 200_000;

    /// <summary>Builds the rules for a create (<paramref name="isCreate"/>) or a partial update.</summary>
    public PageValidator(bool isCreate)
    {
        if (isCreate)
        {
            RuleFor(r => r.Title).NotEmpty();
            RuleFor(r => r.Content).NotEmpty();
            RuleFor(r => Slugs.Effective(r.Slug, r.Title)).NotNull().OverridePropertyName("Slug")
                .WithMessage("No slug can be derived from this title; give one.")
                .When(r => r.Slug is null && !string.IsNullOrWhiteSpace(r.Title));
        }
        RuleFor(r => r.Title).Must(v => v is null || v.Trim().Length > 0).WithMessage("'Title' must not be blank.").SingleLineText(200);
        RuleFor(r => r.Slug).OptionalSlug();
        RuleFor(r => r.Content).MultiLineText(MaxContentLength);
    }
}
