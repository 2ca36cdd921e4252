using FluentValidation;

namespace OrleansRides.Catalog.Tags;

/// <summary>Field rules for <see cref="TagRequest"/>.</summary>
public sealed class TagValidator : AbstractValidator<TagRequest>
{
    /// <summary>Builds the rules.</summary>
    public TagValidator()
    {
        this.NameAndSlug(r => r.Name, r => r.Slug, 50);
    }
}
