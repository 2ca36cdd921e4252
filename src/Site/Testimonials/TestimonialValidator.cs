using FluentValidation;
using OrleansRides.Catalog;

namespace OrleansRides.Site.Testimonials;

/// <summary>Field rules for <see cref="TestimonialRequest"/>.</summary>
public sealed class TestimonialValidator : AbstractValidator<TestimonialRequest>
{
    /// <summary>Builds the rules.</summary>
    public TestimonialValidator()
    {
        RuleFor(r => r.Name).Must(v => !string.IsNullOrWhiteSpace(v)).WithMessage("'Name' must not be empty.").SingleLineText(100);
        RuleFor(r => r.Text).Must(v => !string.IsNullOrWhiteSpace(v)).WithMessage("'Text' must not be empty.").MultiLineText(2000);
        RuleFor(r => r.Location).SingleLineText(100);
    }
}
