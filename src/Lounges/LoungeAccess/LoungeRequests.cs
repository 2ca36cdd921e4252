using FluentValidation;
using OrleansRides.Catalog;

namespace OrleansRides.Lounges.LoungeAccess;

/// <summary><c>POST /api/v1/lounges</c>.</summary>
/// <param name="Name">1 to 80 characters after trimming.</param>
/// <param name="Description">At most 500 characters (line breaks allowed).</param>
/// <param name="Visibility">Default public.</param>
public sealed record CreateLoungeRequest(string? Name, string? Description, LoungeVisibility? Visibility);

/// <summary><c>PATCH /api/v1/lounges/{id}</c>; a field left out keeps its value, an empty description clears it.</summary>
public sealed record UpdateLoungeRequest(string? Name, string? Description, LoungeVisibility? Visibility);

/// <summary><c>POST /lounges/{id}/invites</c>.</summary>
/// <param name="ExpiresInHours">1 to 720, default 168 (a week).</param>
/// <param name="MaxUses">1 to 10,000, or left out for no limit.</param>
public sealed record CreateInviteRequest(int? ExpiresInHours, int? MaxUses);

/// <summary><c>POST /lounge-invites/preview</c> and <c>/accept</c>.</summary>
/// <param name="Token">The token of the link (the part after <c>#invite=</c>), 1 to 100 characters.</param>
public sealed record InviteTokenRequest(string? Token);

/// <summary><c>POST /lounges/{id}/join-requests</c>.</summary>
/// <param name="Message">An optional note to the owner, at most 500 characters.</param>
public sealed record JoinRequestBody(string? Message);

/// <summary><c>PUT /lounges/{id}/members/{userId}/mute</c>.</summary>
/// <param name="Minutes">1 to 10,080 (a week).</param>
/// <param name="Reason">For the log, at most 500 characters.</param>
public sealed record MuteRequest(int? Minutes, string? Reason);

/// <summary><c>PUT /lounges/{id}/members/{userId}/role</c>.</summary>
/// <param name="Role"><c>moderator</c> or <c>member</c>.</param>
public sealed record RoleRequest(LoungeRole? Role);

/// <summary><c>POST /lounges/{id}/messages/{messageId}/moderate</c>.</summary>
/// <param name="Action"><c>hide</c> or <c>delete</c>.</param>
/// <param name="Reason">For the log, at most 500 characters.</param>
public sealed record LoungeModerateRequest(string? Action, string? Reason);

/// <summary>Rules for <see cref="CreateLoungeRequest"/>.</summary>
public sealed class CreateLoungeValidator : AbstractValidator<CreateLoungeRequest>
{
    /// <summary>Builds the rules.</summary>
    public CreateLoungeValidator()
    {
        RuleFor(r => r.Name).Must(n => n?.Trim() is { Length: >= 1 and <= 80 }).WithMessage("1 to 80 characters.").SingleLineText(200);
        RuleFor(r => r.Description).Must(d => d is null || d.Trim().Length <= 500).WithMessage("At most 500 characters.").MultiLineText(2000);
    }
}

/// <summary>Rules for <see cref="UpdateLoungeRequest"/>: the same limits as creating, every field optional.</summary>
public sealed class UpdateLoungeValidator : AbstractValidator<UpdateLoungeRequest>
{
    /// <summary>Builds the rules.</summary>
    public UpdateLoungeValidator()
    {
        RuleFor(r => r.Name).Must(n => n is null || n.Trim() is { Length: >= 1 and <= 80 }).WithMessage("1 to 80 characters.").SingleLineText(200);
        RuleFor(r => r.Description).Must(d => d is null || d.Trim().Length <= 500).WithMessage("At most 500 characters.").MultiLineText(2000);
    }
}

/// <summary>Rules for <see cref="CreateInviteRequest"/>.</summary>
public sealed class CreateInviteValidator : AbstractValidator<CreateInviteRequest>
{
    /// <summary>Builds the rules.</summary>
    public CreateInviteValidator()
    {
        RuleFor(r => r.ExpiresInHours).InclusiveBetween(1, 720).WithMessage("1 to 720 hours.");
        RuleFor(r => r.MaxUses).InclusiveBetween(1, 10_000).WithMessage("1 to 10000.");
    }
}

/// <summary>Rules for <see cref="InviteTokenRequest"/>.</summary>
public sealed class InviteTokenValidator : AbstractValidator<InviteTokenRequest>
{
    /// <summary>Builds the rules.</summary>
    public InviteTokenValidator() =>
        RuleFor(r => r.Token).NotEmpty().WithMessage("Required.").SingleLineText(100);
}

/// <summary>Rules for <see cref="JoinRequestBody"/>.</summary>
public sealed class JoinRequestValidator : AbstractValidator<JoinRequestBody>
{
    /// <summary>Builds the rules.</summary>
    public JoinRequestValidator() => RuleFor(r => r.Message).MultiLineText(500);
}

/// <summary>Rules for <see cref="MuteRequest"/>.</summary>
public sealed class MuteValidator : AbstractValidator<MuteRequest>
{
    /// <summary>Builds the rules.</summary>
    public MuteValidator()
    {
        RuleFor(r => r.Minutes).NotNull().WithMessage("Required.").InclusiveBetween(1, 10_080).WithMessage("1 to 10080 minutes.");
        RuleFor(r => r.Reason).MultiLineText(500);
    }
}

/// <summary>Rules for <see cref="RoleRequest"/>: the owner names moderators and members, never another owner.</summary>
public sealed class RoleValidator : AbstractValidator<RoleRequest>
{
    /// <summary>Builds the rules.</summary>
    public RoleValidator() =>
        RuleFor(r => r.Role).NotNull().Must(r => r is LoungeRole.Moderator or LoungeRole.Member).WithMessage("moderator or member.");
}

/// <summary>Rules for <see cref="LoungeModerateRequest"/>.</summary>
public sealed class LoungeModerateValidator : AbstractValidator<LoungeModerateRequest>
{
    /// <summary>Builds the rules.</summary>
    public LoungeModerateValidator()
    {
        RuleFor(r => r.Action).Must(a => a is "hide" or "delete").WithMessage("hide or delete.");
        RuleFor(r => r.Reason).MultiLineText(500);
    }
}
