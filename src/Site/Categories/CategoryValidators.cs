using FluentValidation;
using OrleansRides.Catalog;

namespace OrleansRides.Site.Categories;

/// <summary>Rules of <see cref="CategoryRequest"/> on create: a name is required.</summary>
public sealed class CreateCategoryValidator : AbstractValidator<CategoryRequest>
{
    /// <summary>Builds the rules.</summary>
    public CreateCategoryValidator()
    {
        RuleFor(r => r.Name).NotNull().WithMessage("'Name' is required.");
        this.FieldRules();
    }
}

/// <summary>Rules of <see cref="CategoryRequest"/> on update: each given field as on create.</summary>
public sealed class UpdateCategoryValidator : AbstractValidator<CategoryRequest>
{
    /// <summary>Builds the rules.</summary>
    public UpdateCategoryValidator()
    {
        this.FieldRules();
    }
}

internal static class CategoryFieldRules
{
    public static void FieldRules(this AbstractValidator<CategoryRequest> validator)
    {
        validator.RuleFor(r => r.Name!).Must(n => n.Trim().Length > 0).WithMessage("'Name' must not be empty.")
            .SingleLineText(100).When(r => r.Name is not null);
        validator.RuleFor(r => r.Slug).OptionalSlug();
        validator.RuleFor(r => r.Description).MultiLineText(500);
    }
}
