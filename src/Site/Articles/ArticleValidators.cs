using FluentValidation;
using OrleansRides.Catalog;

namespace OrleansRides.Site.Articles;

/// <summary>Field rules of <see cref="ArticleRequest"/> for <c>POST /api/v1/articles</c>: title and content required.</summary>
public sealed class CreateArticleValidator : AbstractValidator<ArticleRequest>
{
    /// <summary>Builds the rules.</summary>
    public CreateArticleValidator()
    {
        RuleFor(r => r.Title).NotNull().WithMessage("'Title' is required.");
        RuleFor(r => r.Content).NotNull().WithMessage("'Content' is required.");
        this.FieldRules();
    }
}

/// <summary>Field rules of <see cref="ArticleRequest"/> for <c>PUT /api/v1/articles/{slug}</c>: every field optional, each
/// given one checked as on create.</summary>
public sealed class UpdateArticleValidator : AbstractValidator<ArticleRequest>
{
    /// <summary>Builds the rules.</summary>
    public UpdateArticleValidator()
    {
        this.FieldRules();
    }
}

/// <summary>Rules of <see cref="ArticlePreviewRequest"/>.</summary>
public sealed class ArticlePreviewValidator : AbstractValidator<ArticlePreviewRequest>
{
    /// <summary>Builds the rules.</summary>
    public ArticlePreviewValidator()
    {
        RuleFor(r => r.Content).NotNull().WithMessage("'Content' is required.").MultiLineText(ArticleRules.MaxContentLength);
    }
}

internal static class ArticleFieldRules
{
    /// <summary>The rules of each field when present.</summary>
    public static void FieldRules(this AbstractValidator<ArticleRequest> validator)
    {
        validator.RuleFor(r => r.Title!).Must(t => t.Trim().Length >= ArticleRules.MinTitleLength)
            .WithMessage($"'Title' must have {ArticleRules.MinTitleLength} to {ArticleRules.MaxTitleLength} characters.")
            .SingleLineText(ArticleRules.MaxTitleLength).When(r => r.Title is not null);
        validator.RuleFor(r => r.Content!).MinimumLength(ArticleRules.MinContentLength)
            .MultiLineText(ArticleRules.MaxContentLength)
            .Must(c => c is not null && ArticleContent.HasContentLeft(c)).WithMessage("Nothing is left of 'Content' once scripts and other unsafe markup are removed.")
            .When(r => r.Content is not null);
        validator.RuleFor(r => r.Excerpt).MultiLineText(ArticleRules.MaxExcerptLength);
        validator.RuleFor(r => r.Slug).OptionalSlug();
        validator.RuleFor(r => r.Status).Must(s => s is null || ArticleStatuses.Writable.Contains(s))
            .WithMessage("'Status' must be draft or published (archiving is DELETE).");
        validator.RuleFor(r => r.FeaturedImage!).SingleLineText(ArticleRules.MaxFeaturedImageLength)
            .Must(u => u is not null && ArticleRules.IsFeaturedImage(u)).WithMessage("'Featured Image' must be an http(s) URL or /api/v1/gallery/{id}/image.")
            .When(r => r.FeaturedImage is not null);
    }
}
