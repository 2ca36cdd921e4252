using System.Security.Claims;
using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using OrleansRides.Catalog;
using OrleansRides.Catalog.Routes;
using OrleansRides.FrontendHost.Auth;
using OrleansRides.FrontendHost.Infrastructure;

namespace OrleansRides.FrontendHost.Catalog;

/// <summary>Changes to a route: <c>PUT /api/v1/routes/{id}</c> (partial update) and <c>DELETE</c> (archive) for its
/// managers — its creator, a holder of its leader key in <c>X-Leader-Key</c>, staff — else 403 <c>NOT_ROUTE_MANAGER</c>
/// (anonymous callers with the key are managers, so 401 is never the answer); <c>POST /api/v1/routes/{id}/review</c> for
/// staff.</summary>
public static class RouteChangesApi
{
    /// <summary>Maps the endpoints on the routes group.</summary>
    public static RouteGroupBuilder MapRouteChanges(this RouteGroupBuilder routes)
    {
        routes.MapPut("/{id:guid}", UpdateAsync).ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        routes.MapDelete("/{id:guid}", ArchiveAsync).ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        routes.MapPost("/{id:guid}/review", ReviewAsync).RequireAuthorization(Roles.EditorsPolicy)
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
        return routes;
    }

    /// <summary>The 400 for a whole route <paramref name="request"/> that breaks a field rule, or whose region or tags in
    /// <paramref name="references"/> (the fields the client sent) do not exist or are inactive; null when it is fine.</summary>
    internal static async Task<ValidationProblem?> ProblemsAsync(
        RouteRequest request, RouteRequest references, IValidator<RouteRequest> validator, RouteRepository repository,
        CancellationToken cancellationToken)
    {
        var validation = await validator.ValidateAsync(request, cancellationToken);
        if (!validation.IsValid)
        {
            return ApiProblems.Validation(validation);
        }
        var problems = await repository.ReferenceProblemsAsync(references.RegionId, references.TagIds, cancellationToken);
        return problems.Count > 0 ? ApiProblems.Validation(problems) : null;
    }

    private static async Task<Results<Ok<DataEnvelope<RouteDetails>>, ValidationProblem, ProblemHttpResult>> UpdateAsync(
        Guid id, RouteRequest request, [FromHeader(Name = RouteManagers.LeaderKeyHeader)] string? leaderKey, ClaimsPrincipal user,
        IValidator<RouteRequest> validator, RouteRepository repository, RouteManagers managers, CancellationToken cancellationToken)
    {
        if (await repository.FindByIdAsync(id, cancellationToken) is not { } current)
        {
            return RoutesApi.RouteNotFound();
        }
        if (!await managers.CanManageAsync(id, user.UserId(), user.RoleName(), leaderKey, cancellationToken))
        {
            return NotManager();
        }
        var merged = RouteUpdates.Merge(current, request);
        if (await ProblemsAsync(merged, request, validator, repository, cancellationToken) is { } problem)
        {
            return problem;
        }
        var status = RouteUpdates.StatusAfterEdit(current.Status, StaffRoles.IsEditorOrAdmin(user.RoleName()));
        var updated = await repository.UpdateAsync(id, merged, status, cancellationToken);
        return updated is null ? RoutesApi.RouteNotFound() : TypedResults.Ok(new DataEnvelope<RouteDetails>(updated));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> ArchiveAsync(
        Guid id, [FromHeader(Name = RouteManagers.LeaderKeyHeader)] string? leaderKey, ClaimsPrincipal user,
        RouteRepository repository, RouteManagers managers, CancellationToken cancellationToken)
    {
        if (await repository.FindByIdAsync(id, cancellationToken) is null)
        {
            return RoutesApi.RouteNotFound();
        }
        if (!await managers.CanManageAsync(id, user.UserId(), user.RoleName(), leaderKey, cancellationToken))
        {
            return NotManager();
        }
        await repository.ArchiveAsync(id, cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<Results<Ok<DataEnvelope<RouteDetails>>, ValidationProblem, ProblemHttpResult>> ReviewAsync(
        Guid id, ReviewRequest request, ClaimsPrincipal user, IValidator<ReviewRequest> validator, RouteRepository repository,
        CancellationToken cancellationToken)
    {
        var validation = await validator.ValidateAsync(request, cancellationToken);
        if (!validation.IsValid)
        {
            return ApiProblems.Validation(validation);
        }
        var reviewed = await repository.ReviewAsync(id, request.Decision == ReviewValidator.Approve, request.Reason, user.UserId(), cancellationToken);
        return reviewed is null ? RoutesApi.RouteNotFound() : TypedResults.Ok(new DataEnvelope<RouteDetails>(reviewed));
    }

    private static ProblemHttpResult NotManager() => ApiProblems.Problem(403, CatalogErrors.NotRouteManager,
        "Only the route's creator, a holder of its leader key (X-Leader-Key) or staff may change it.");
}
