using FluentValidation;

namespace OrleansRides.Catalog.Sessions;

/// <summary>Field rules for <see cref="CreateSessionRequest"/>.</summary>
public sealed class CreateSessionValidator : AbstractValidator<CreateSessionRequest>
{
    /// <summary>Builds the rules.</summary>
    public CreateSessionValidator()
    {
        RuleFor(r => r.Fingerprint).Fingerprint();
    }
}
