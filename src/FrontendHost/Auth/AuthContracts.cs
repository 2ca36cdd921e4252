using System.Net.Mail;
using FluentValidation;

namespace OrleansRides.FrontendHost.Auth;

/// <summary><c>POST /api/v1/auth/signup</c>.</summary>
/// <param name="Email">A valid address, at most 254 characters; unique, case-insensitive.</param>
/// <param name="Password">8 to 128 characters.</param>
/// <param name="Name">Display name, 1 to 40 characters.</param>
public sealed record SignupRequest(string? Email, string? Password, string? Name);

/// <summary><c>POST /api/v1/auth/login</c>.</summary>
public sealed record LoginRequest(string? Email, string? Password);

/// <summary>What signup and login return.</summary>
/// <param name="AccessToken">The JWT.</param>
/// <param name="ExpiresAt">When it expires, UTC (15 minutes after issue by default).</param>
/// <param name="User">The account.</param>
public sealed record AuthResponse(string AccessToken, DateTimeOffset ExpiresAt, UserView User);

/// <summary><c>PUT /api/v1/admin/users/{id}/role</c>: one of <c>admin</c>, <c>editor</c>, <c>penyiar</c>, <c>member</c>.</summary>
public sealed record SetRoleRequest(string? Role);

/// <summary><c>PUT /api/v1/admin/users/{id}/active</c>: <c>false</c> deactivates the account (no login; its tokens and hub
/// connections end at once), <c>true</c> lets it log in again.</summary>
public sealed record SetActiveRequest(bool? IsActive);

/// <summary>Field rules for <see cref="SignupRequest"/>.</summary>
public sealed class SignupValidator : AbstractValidator<SignupRequest>
{
    /// <summary>Builds the rules.</summary>
    public SignupValidator()
    {
        RuleFor(r => r.Email).NotEmpty().MaximumLength(254).Must(BeEmail).WithMessage("Not a valid email address.");
        RuleFor(r => r.Password).NotEmpty().MinimumLength(8).MaximumLength(128);
        RuleFor(r => r.Name).Must(n => !string.IsNullOrWhiteSpace(n)).WithMessage("'Name' must not be empty.")
            .MaximumLength(40);
    }

    private static bool BeEmail(string? value) =>
        MailAddress.TryCreate(value?.Trim(), out var address) && address.Address == value!.Trim() && address.Host.Contains('.');
}
