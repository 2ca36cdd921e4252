using FluentValidation;
using OrleansRides.FrontendHost.Infrastructure;
using OrleansRides.GrainInterfaces.Chat;

namespace OrleansRides.FrontendHost.Chat;

/// <summary>Field rules for <see cref="ModerateRequest"/>.</summary>
public sealed class ModerateValidator : AbstractValidator<ModerateRequest>
{
    /// <summary>Builds the rules.</summary>
    public ModerateValidator()
    {
        RuleFor(r => r.Action).NotNull().WithMessage("One of hide, delete, flag.");
        RuleFor(r => r.Reason).MultiLineText(500);
        RuleFor(r => r.Room).SingleLineText(100);
    }
}

/// <summary>Field rules for <see cref="RoomSettingsUpdate"/>: slow mode 0 to <see cref="ChatRules.MaxSlowModeSeconds"/>,
/// at most <see cref="ChatRules.MaxBannedTerms"/> non-empty one-line terms of at most
/// <see cref="ChatRules.MaxBannedTermLength"/> characters.</summary>
public sealed class RoomSettingsValidator : AbstractValidator<RoomSettingsUpdate>
{
    /// <summary>Builds the rules.</summary>
    public RoomSettingsValidator()
    {
        RuleFor(r => r.SlowModeSeconds).InclusiveBetween(0, ChatRules.MaxSlowModeSeconds).WithMessage($"0 to {ChatRules.MaxSlowModeSeconds}.");
        RuleFor(r => r.BannedTerms).Must(t => t is null || t.Length <= ChatRules.MaxBannedTerms)
            .WithMessage($"At most {ChatRules.MaxBannedTerms} terms.");
        RuleForEach(r => r.BannedTerms)
            .Must(t => t?.Trim() is { Length: >= 1 and <= ChatRules.MaxBannedTermLength })
            .WithMessage($"A term is 1 to {ChatRules.MaxBannedTermLength} characters.")
            .SingleLineText(ChatRules.MaxBannedTermLength * 4);
    }
}

/// <summary>Field rules for <see cref="ChatSessionRequest"/>.</summary>
public sealed class ChatSessionValidator : AbstractValidator<ChatSessionRequest>
{
    /// <summary>Builds the rules.</summary>
    public ChatSessionValidator() => RuleFor(r => r.DisplayName).DisplayName();
}
