using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;
using OrleansRides.FrontendHost.Catalog;
using OrleansRides.FrontendHost.Infrastructure;
using OrleansRides.GrainInterfaces.Errors;
using OrleansRides.Lounges.SignIn;

namespace OrleansRides.FrontendHost.Auth;

/// <summary><c>PUT /api/v1/admin/users/{id}/role</c>, <c>PUT /api/v1/admin/users/{id}/active</c> and
/// <c>DELETE /api/v1/admin/users/{id}/sessions</c> (admins only). A real change of role, a deactivation and ending all
/// sessions revoke every access token the account holds (its <see cref="UserAccount.TokenVersion"/> moves on) and close its
/// hub connections on every frontend; the user logs in again to get the new role. A deactivation and ending all sessions
/// also end its sign-in sessions, so no refresh token works either.</summary>
public static class AdminUsersApi
{
    /// <summary>Code of a login refused because the account was deactivated (403).</summary>
    public const string AccountInactive = ErrorCodes.AccountInactive;

    /// <summary>Maps the endpoints.</summary>
    public static IEndpointRouteBuilder MapAdminUsersApi(this IEndpointRouteBuilder app)
    {
        var users = app.MapGroup("/api/v1/admin/users/{id:guid}").WithTags("Admin").RequireAuthorization(Roles.AdminsPolicy)
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        users.MapPut("/role", SetRoleAsync).ProducesProblem(StatusCodes.Status404NotFound);
        users.MapPut("/active", SetActiveAsync).ProducesProblem(StatusCodes.Status404NotFound);
        users.MapDelete("/sessions", EndSessionsAsync).ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    private static async Task<Results<Ok<DataEnvelope<UserView>>, ValidationProblem, ProblemHttpResult>> SetRoleAsync(
        Guid id, SetRoleRequest request, IValidator<SetRoleRequest> validator, UserRepository users, TokenRevocations revocations,
        CancellationToken cancellationToken)
    {
        var validation = await validator.ValidateAsync(request, cancellationToken);
        if (!validation.IsValid)
        {
            return ApiProblems.Validation(validation);
        }
        return await Applied(await users.SetRoleAsync(id, request.Role!, cancellationToken), revocations);
    }

    private static async Task<Results<Ok<DataEnvelope<UserView>>, ValidationProblem, ProblemHttpResult>> SetActiveAsync(
        Guid id, SetActiveRequest request, IValidator<SetActiveRequest> validator, UserRepository users, TokenRevocations revocations,
        SignInSessions sessions, CancellationToken cancellationToken)
    {
        var validation = await validator.ValidateAsync(request, cancellationToken);
        if (!validation.IsValid || request.IsActive is not { } isActive)
        {
            return ApiProblems.Validation(validation);
        }
        var change = await users.SetActiveAsync(id, isActive, cancellationToken);
        if (change is not null && !isActive)
        {
            // Access tokens already die with the version; ending the sessions kills the refresh tokens, so reactivation
            // does not bring an old device back.
            await sessions.EndAllAsync(id, SessionEndReasons.Deactivated, cancellationToken);
        }
        return await Applied(change, revocations);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> EndSessionsAsync(
        Guid id, UserRepository users, SignInSessions sessions, TokenRevocations revocations, CancellationToken cancellationToken)
    {
        if (await users.RevokeAllTokensAsync(id, cancellationToken) is not { } account)
        {
            return ApiProblems.Problem(404, ErrorCodes.UserNotFound, "No such user.");
        }
        await sessions.EndAllAsync(id, SessionEndReasons.Admin, cancellationToken);
        await revocations.RevokeOlderTokensAsync(account);
        return TypedResults.NoContent();
    }

    private static async Task<Results<Ok<DataEnvelope<UserView>>, ValidationProblem, ProblemHttpResult>> Applied(
        (UserAccount Account, bool Revoked)? change, TokenRevocations revocations)
    {
        if (change is not { } applied)
        {
            return ApiProblems.Problem(404, ErrorCodes.UserNotFound, "No such user.");
        }
        var (account, revoked) = applied;
        if (revoked)
        {
            await revocations.RevokeOlderTokensAsync(account);
        }
        return TypedResults.Ok(new DataEnvelope<UserView>(account.ToView()));
    }
}
