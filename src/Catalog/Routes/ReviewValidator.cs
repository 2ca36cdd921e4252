using FluentValidation;

namespace OrleansRides.Catalog.Routes;

/// <summary>Rules for <see cref="ReviewRequest"/>: decision <c>approve</c> or <c>reject</c>; a reason (at most 500
/// characters, multi-line) is required to reject so that the creator learns why.</summary>
public sealed class ReviewValidator : AbstractValidator<ReviewRequest>
{
    /// <summary>The decision that approves.</summary>
    public const string Approve = "approve";

    /// <summary>The decision that rejects.</summary>
    public const string Reject = "reject";

    /// <summary>Builds the rules.</summary>
    public ReviewValidator()
    {
        RuleFor(r => r.Decision).NotEmpty().SingleLineText(10).Must(d => d is null or Approve or Reject).WithMessage("approve or reject.");
        RuleFor(r => r.Reason).MultiLineText(500);
        RuleFor(r => r.Reason).NotEmpty().WithMessage("Say why the route is rejected.").When(r => r.Decision == Reject);
    }
}
