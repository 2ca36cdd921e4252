using FluentValidation;
using OrleansRides.Catalog.Sessions;

namespace OrleansRides.Catalog.Interest;

/// <summary>Field rules for <see cref="AddInterestRequest"/>.</summary>
public sealed class AddInterestValidator : AbstractValidator<AddInterestRequest>
{
    /// <summary>Builds the rules.</summary>
    public AddInterestValidator()
    {
        RuleFor(r => r.Fingerprint).Fingerprint();
        RuleFor(r => r.Fingerprint).Null().When(r => r.SessionId is not null).WithMessage("Give sessionId or fingerprint, not both.");
    }
}

/// <summary>Field rules for <see cref="RemoveInterestRequest"/>.</summary>
public sealed class RemoveInterestValidator : AbstractValidator<RemoveInterestRequest>
{
    /// <summary>Builds the rules.</summary>
    public RemoveInterestValidator()
    {
        RuleFor(r => r.SessionId).NotNull();
    }
}
