using FluentValidation;

namespace OrleansRides.Catalog.Tags;

/// <summary>Field rules for <see cref="TagRequest"/>.</summary>
public sealed class TagValidator : AbstractValidator<TagRequest>
{
    /// <summary>Builds the rules.</summary>
    public TagValidator()
    {
        RuleFor(r => r.Name).NotEmpty().SingleLineText(50);
        RuleFor(r => r.Slug).OptionalSlug();
        RuleFor(r => Slugs.Effective(r.Slug, r.Name)).NotNull().OverridePropertyName("slug")
            .WithMessage("No slug can be derived from this name; give one.").When(r => r.Slug is null && !string.IsNullOrWhiteSpace(r.Name));
    }
}
