using FluentValidation;
using OrleansRides.Catalog;
using OrleansRides.FrontendHost.Infrastructure;
using OrleansRides.GrainInterfaces.Text;

namespace OrleansRides.FrontendHost.Auth;

/// <summary><c>POST /api/v1/auth/signup</c>.</summary>
/// <param name="Email">A valid address, at most 254 characters; unique, case-insensitive.</param>
/// <param name="Password">8 to 128 characters.</param>
/// <param name="Name">Display name, 1 to 40 characters once normalised (<see cref="DisplayNames"/>: no control or invisible
/// characters; staff-looking words such as "admin" or "penyiar" are refused, since a new account is a member).</param>
public sealed record SignupRequest(string? Email, string? Password, string? Name);

/// <summary><c>POST /api/v1/auth/login</c>.</summary>
/// <param name="Email">At most 254 characters; compared trimmed and case-folded (<see cref="EmailAddresses.Normalize"/>).</param>
/// <param name="Password">At most 1,024 characters.</param>
public sealed record LoginRequest(string? Email, string? Password);

/// <summary>What signup, login and refresh return.</summary>
/// <param name="AccessToken">The JWT (its <c>sid</c> claim is <paramref name="SessionId"/>).</param>
/// <param name="ExpiresAt">When it expires, UTC (15 minutes after issue by default).</param>
/// <param name="User">The account.</param>
/// <param name="RefreshToken">The sign-in session's refresh token (43 characters, base64url): one use, for
/// <c>POST /api/v1/auth/refresh</c>; keep it secret.</param>
/// <param name="RefreshTokenExpiresAt">When the session ends unless refreshed before, UTC (30 days idle by default, at most
/// 90 days after sign-in).</param>
/// <param name="SessionId">The sign-in session (device), as <c>GET /api/v1/auth/sessions</c> lists it.</param>
public sealed record AuthResponse(
    string AccessToken, DateTimeOffset ExpiresAt, UserView User, string RefreshToken, DateTimeOffset RefreshTokenExpiresAt, Guid SessionId);

/// <summary><c>POST /api/v1/auth/refresh</c>.</summary>
/// <param name="RefreshToken">The refresh token last returned for this session (at most 256 characters).</param>
public sealed record RefreshRequest(string? RefreshToken);

/// <summary>Field rules for <see cref="RefreshRequest"/>: required, single-line and bounded (a token of the wrong shape is
/// then a 401 <c>INVALID_REFRESH_TOKEN</c>, like an unknown one).</summary>
public sealed class RefreshValidator : AbstractValidator<RefreshRequest>
{
    /// <summary>Builds the rules.</summary>
    public RefreshValidator() => RuleFor(r => r.RefreshToken).NotEmpty().SingleLineText(256);
}

/// <summary><c>GET /api/v1/auth/sessions</c>: <c>limit</c> 1–100 (default 50), <c>offset</c> ≥ 0 (default 0).</summary>
/// <param name="Limit">Page size.</param>
/// <param name="Offset">Sessions to skip.</param>
public sealed record SessionListQuery(int? Limit, int? Offset)
{
    /// <summary>The page of a validated query.</summary>
    public PageRequest ToPage() => new(Limit ?? 50, Offset ?? 0);
}

/// <summary>Field rules for <see cref="SessionListQuery"/>.</summary>
public sealed class SessionListQueryValidator : AbstractValidator<SessionListQuery>
{
    /// <summary>Builds the rules.</summary>
    public SessionListQueryValidator()
    {
        RuleFor(q => q.Limit).InclusiveBetween(1, 100);
        RuleFor(q => q.Offset).GreaterThanOrEqualTo(0);
    }
}

/// <summary><c>PUT /api/v1/admin/users/{id}/role</c>: one of <c>admin</c>, <c>editor</c>, <c>penyiar</c>, <c>member</c>.</summary>
public sealed record SetRoleRequest(string? Role);

/// <summary>Field rules for <see cref="SetRoleRequest"/>.</summary>
public sealed class SetRoleValidator : AbstractValidator<SetRoleRequest>
{
    /// <summary>Builds the rules.</summary>
    public SetRoleValidator() =>
        RuleFor(r => r.Role).SingleLineText(20).Must(r => r is not null && Roles.AccountRoles.Contains(r))
            .WithMessage($"One of {string.Join(", ", Roles.AccountRoles)}.");
}

/// <summary>Field rules for <see cref="LoginRequest"/>: both required, bounded and clean, so that what reaches the
/// throttle and the database is a plausible key (a 5 KB email once failed the index insert with a 503).</summary>
public sealed class LoginValidator : AbstractValidator<LoginRequest>
{
    /// <summary>Longest password a login accepts: above signup's 128 so that a seeded admin's longer password still works,
    /// and bounded so that nobody hashes megabytes.</summary>
    public const int MaxPasswordLength = 1024;

    /// <summary>Builds the rules.</summary>
    public LoginValidator()
    {
        RuleFor(r => r.Email).Must(e => !string.IsNullOrWhiteSpace(e)).WithMessage("'Email' must not be empty.")
            .SingleLineText(TextRules.MaxEmailLength);
        RuleFor(r => r.Password).NotEmpty().SingleLineText(MaxPasswordLength);
    }
}

/// <summary><c>PUT /api/v1/admin/users/{id}/active</c>: <c>false</c> deactivates the account (no login; its tokens and hub
/// connections end at once), <c>true</c> lets it log in again.</summary>
public sealed record SetActiveRequest(bool? IsActive);

/// <summary>Field rules for <see cref="SetActiveRequest"/>: <c>isActive</c> is required.</summary>
public sealed class SetActiveValidator : AbstractValidator<SetActiveRequest>
{
    /// <summary>Builds the rules.</summary>
    public SetActiveValidator() => RuleFor(r => r.IsActive).NotNull().WithMessage("true or false.");
}

/// <summary>Field rules for <see cref="SignupRequest"/>.</summary>
public sealed class SignupValidator : AbstractValidator<SignupRequest>
{
    /// <summary>Builds the rules.</summary>
    public SignupValidator()
    {
        RuleFor(r => r.Email).NotEmpty().SingleLineText(TextRules.MaxEmailLength).Must(EmailAddresses.IsValid).WithMessage("Not a valid email address.");
        RuleFor(r => r.Password).NotEmpty().MinimumLength(8).SingleLineText(128);
        RuleFor(r => r.Name).DisplayName();
    }
}
