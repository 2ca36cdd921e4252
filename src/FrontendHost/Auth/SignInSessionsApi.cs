using System.Security.Claims;
using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using OrleansRides.Catalog;
using OrleansRides.FrontendHost.Catalog;
using OrleansRides.FrontendHost.Infrastructure;
using OrleansRides.Lounges;
using OrleansRides.Lounges.Jobs;
using OrleansRides.Lounges.SignIn;

namespace OrleansRides.FrontendHost.Auth;

/// <summary>Sign-in sessions that last: <c>POST /api/v1/auth/refresh</c> (rotate a refresh token for a new access token),
/// <c>GET /api/v1/auth/sessions</c> (my devices) and <c>DELETE /api/v1/auth/sessions/{id}</c> (sign a device out). Rules
/// and storage are <see cref="SignInSessions"/>; docs/lounges.md, "Sign-in sessions and refresh tokens".</summary>
public static class SignInSessionsApi
{
    private const string RefreshPolicy = "auth-refresh";

    /// <summary>Registers <see cref="SignInSessions"/> (lifetimes from <see cref="AuthOptions"/>), <see cref="Issuer"/>, the
    /// validators, the per-address refresh limit (<c>RateLimits:RefreshesPerHour</c>, default 300) and
    /// <see cref="SignInSessionCleanupJob"/> (hourly, <c>sign-in-session-cleanup</c>).</summary>
    public static IHostApplicationBuilder AddSignInSessions(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton(services =>
        {
            var auth = services.GetRequiredService<IOptions<AuthOptions>>().Value;
            return new SessionLifetimes(auth.SessionIdleLifetime, auth.SessionAbsoluteLifetime);
        });
        builder.Services.AddSingleton<SignInSessions>();
        builder.Services.AddSingleton<Issuer>();
        builder.Services.AddSingleton<IValidator<RefreshRequest>, RefreshValidator>();
        builder.Services.AddSingleton<IValidator<SessionListQuery>, SessionListQueryValidator>();
        // A tab refreshes about every 14 minutes (4 an hour); 300 an hour leaves room for a household behind one address
        // while keeping a token-guessing client to a trickle (guessing 256 random bits is hopeless anyway).
        builder.AddPerIpRateLimit(RefreshPolicy, limits => limits.RefreshesPerHour, TimeSpan.FromHours(1));
        builder.AddPeriodicJob<SignInSessionCleanupJob>("sign-in-session-cleanup", TimeSpan.FromHours(1));
        return builder;
    }

    /// <summary>Maps the endpoints.</summary>
    public static IEndpointRouteBuilder MapSignInSessionsApi(this IEndpointRouteBuilder app)
    {
        var auth = app.MapGroup("/api/v1/auth").WithTags("Auth");
        auth.MapPost("/refresh", RefreshAsync).RequireRateLimiting(RefreshPolicy)
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        var sessions = auth.MapGroup("/sessions").RequireAuthorization(Roles.MembersPolicy)
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        sessions.MapGet("", ListAsync);
        sessions.MapDelete("/{id:guid}", EndAsync).ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    private static async Task<Results<Ok<DataEnvelope<AuthResponse>>, ValidationProblem, ProblemHttpResult>> RefreshAsync(
        RefreshRequest request, IValidator<RefreshRequest> validator, SignInSessions sessions, UserRepository users, AccessTokens tokens,
        TokenRevocations revocations, CancellationToken cancellationToken)
    {
        var validation = await validator.ValidateAsync(request, cancellationToken);
        if (!validation.IsValid)
        {
            return ApiProblems.Validation(validation);
        }
        var result = await sessions.RefreshAsync(request.RefreshToken!, cancellationToken);
        switch (result.Outcome)
        {
            case RefreshOutcome.Rotated when result.Issued is { } issued:
                if (await users.FindAsync(issued.UserId, cancellationToken) is not { IsActive: true } account)
                {
                    return ApiProblems.Problem(403, AdminUsersApi.AccountInactive, "This account was deactivated by an admin.");
                }
                var access = tokens.ForUser(account, issued.SessionId);
                return TypedResults.Ok(new DataEnvelope<AuthResponse>(
                    new(access.Token, access.ExpiresAt, account.ToView(), issued.RefreshToken, issued.ExpiresAt, issued.SessionId)));
            case RefreshOutcome.Reused:
                // Whoever holds the session's newer token (thief or owner) loses it too: both sign in again.
                await revocations.RevokeSessionAsync(result.SessionId!.Value);
                return ApiProblems.Problem(401, LoungeErrors.RefreshTokenReused,
                    "This refresh token was used before; the session was ended for safety. Sign in again.");
            case RefreshOutcome.Revoked:
                return ApiProblems.Problem(401, LoungeErrors.SessionRevoked, "This session was signed out. Sign in again.");
            case RefreshOutcome.AccountInactive:
                return ApiProblems.Problem(403, AdminUsersApi.AccountInactive, "This account was deactivated by an admin.");
            default:
                return ApiProblems.Problem(401, LoungeErrors.InvalidRefreshToken, "The refresh token is unknown or expired. Sign in again.");
        }
    }

    private static async Task<Results<Ok<OffsetPagedEnvelope<SessionView>>, ValidationProblem>> ListAsync(
        [AsParameters] SessionListQuery query, ClaimsPrincipal caller, IValidator<SessionListQuery> validator, SignInSessions sessions,
        CancellationToken cancellationToken)
    {
        var validation = await validator.ValidateAsync(query, cancellationToken);
        if (!validation.IsValid)
        {
            return ApiProblems.Validation(validation);
        }
        var page = query.ToPage();
        return TypedResults.Ok(OffsetPagedEnvelope<SessionView>.Of(
            await sessions.ListAsync(caller.UserId()!.Value, caller.SessionId(), page, cancellationToken), page));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> EndAsync(
        Guid id, ClaimsPrincipal caller, SignInSessions sessions, TokenRevocations revocations, CancellationToken cancellationToken)
    {
        if (!await sessions.EndAsync(caller.UserId()!.Value, id, SessionEndReasons.SignedOut, cancellationToken))
        {
            return ApiProblems.Problem(404, LoungeErrors.SessionNotFound, "You have no active session with this id.");
        }
        await revocations.RevokeSessionAsync(id);
        return TypedResults.NoContent();
    }

    /// <summary>Signs an account in: starts a session for the requesting device and issues its first access and refresh
    /// tokens (signup and login).</summary>
    public sealed class Issuer(SignInSessions sessions, AccessTokens tokens)
    {
        /// <summary>The response of a signup or login of <paramref name="account"/> from <paramref name="http"/>'s client.</summary>
        public async Task<AuthResponse> SignInAsync(UserAccount account, HttpContext http, CancellationToken cancellationToken)
        {
            var label = DeviceLabels.FromUserAgent(http.Request.Headers.UserAgent.ToString());
            var refresh = await sessions.StartAsync(account.Id, label, cancellationToken);
            var access = tokens.ForUser(account, refresh.SessionId);
            return new AuthResponse(access.Token, access.ExpiresAt, account.ToView(), refresh.RefreshToken, refresh.ExpiresAt, refresh.SessionId);
        }
    }
}
