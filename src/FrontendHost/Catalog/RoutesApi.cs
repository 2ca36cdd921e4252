using System.Security.Claims;
using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;
using OrleansRides.Catalog.Routes;
using OrleansRides.FrontendHost.Auth;
using OrleansRides.FrontendHost.Infrastructure;
using OrleansRides.GrainInterfaces.Rides;

namespace OrleansRides.FrontendHost.Catalog;

/// <summary><c>/api/v1/routes</c>: create a route (rate limited per client IP; pending unless staff make it), list them
/// (approved ones for everyone, other statuses for staff), read one by id or access code (failed code look-ups limited
/// per client address, <see cref="AccessCodeLookups"/>), and for its managers (<see cref="RouteManagers"/>) update and
/// archive it; staff review it (<see cref="RouteChangesApi"/>).</summary>
public static class RoutesApi
{
    private const string CreationPolicy = "route-creation";

    /// <summary>Registers the repositories, the validators and the creation rate limit (<c>RateLimits:RouteCreationsPerMinute</c>,
    /// default 30 per IP per minute).</summary>
    public static IHostApplicationBuilder AddRouteCatalog(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<RouteRepository>();
        builder.Services.AddSingleton<RouteSearch>();
        builder.Services.AddSingleton<RouteManagers>();
        builder.Services.AddValidatedOptions<RateLimitOptions, RateLimitOptionsValidator>(RateLimitOptions.SectionName);
        builder.Services.AddSingleton<AccessCodeLookups>();
        builder.Services.AddSingleton<IValidator<RouteRequest>, CreateRouteValidator>();
        builder.Services.AddSingleton<IValidator<ReviewRequest>, ReviewValidator>();
        builder.Services.AddSingleton<IValidator<RouteListQuery>, RouteListQueryValidator>();
        builder.AddPerIpRateLimit(CreationPolicy, limits => limits.RouteCreationsPerMinute);
        return builder;
    }

    /// <summary>Maps the endpoints.</summary>
    public static IEndpointRouteBuilder MapRoutesApi(this IEndpointRouteBuilder app)
    {
        var routes = app.MapGroup("/api/v1/routes").WithTags("Routes");
        routes.MapPost("/", CreateAsync).RequireRateLimiting(CreationPolicy).ProducesProblem(StatusCodes.Status429TooManyRequests);
        routes.MapGet("/", ListAsync).ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status403Forbidden);
        routes.MapGet("/{id:guid}", GetByIdAsync).WithName("GetRoute").ProducesProblem(StatusCodes.Status404NotFound);
        routes.MapGet("/by-code/{code}", GetByCodeAsync)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status429TooManyRequests);
        routes.MapRouteChanges();
        return app;
    }

    private static async Task<Results<Created<DataEnvelope<RouteDetails>>, ValidationProblem>> CreateAsync(
        RouteRequest request, ClaimsPrincipal user, IValidator<RouteRequest> validator, RouteRepository repository,
        CancellationToken cancellationToken)
    {
        if (await RouteChangesApi.ProblemsAsync(request, request, validator, repository, cancellationToken) is { } problem)
        {
            return problem;
        }
        var created = await repository.CreateAsync(request, user.UserId(), StaffRoles.IsEditorOrAdmin(user.RoleName()), cancellationToken);
        return TypedResults.Created($"/api/v1/routes/{created.Id}", new DataEnvelope<RouteDetails>(created));
    }

    private static async Task<Results<Ok<OffsetPagedEnvelope<RouteSummary>>, ValidationProblem, ProblemHttpResult>> ListAsync(
        [AsParameters] RouteListQuery query, ClaimsPrincipal user, IValidator<RouteListQuery> validator, RouteSearch search,
        CancellationToken cancellationToken)
    {
        var validation = await validator.ValidateAsync(query, cancellationToken);
        if (!validation.IsValid)
        {
            return ApiProblems.Validation(validation);
        }
        if (query.EffectiveStatus() != RouteStatuses.Approved && !StaffRoles.IsEditorOrAdmin(user.RoleName()))
        {
            return ApiProblems.Problem(403, OrleansRides.Catalog.CatalogErrors.StatusForStaffOnly, "Only staff list routes that are not approved.");
        }
        var page = query.ToPage();
        return TypedResults.Ok(OffsetPagedEnvelope<RouteSummary>.Of(await search.ListAsync(query.ToFilter(), page, cancellationToken), page));
    }

    private static async Task<Results<Ok<DataEnvelope<RouteDetails>>, ProblemHttpResult>> GetByIdAsync(
        Guid id, RouteRepository repository, CancellationToken cancellationToken) =>
        Found(await repository.FindByIdAsync(id, cancellationToken));

    private static async Task<Results<Ok<DataEnvelope<RouteDetails>>, ProblemHttpResult>> GetByCodeAsync(
        string code, HttpContext http, AccessCodeLookups lookups, RouteRepository repository, CancellationToken cancellationToken)
    {
        using var lookup = await lookups.BeginAsync(http.Connection.RemoteIpAddress, cancellationToken);
        if (lookup.RetryAfter is { } wait)
        {
            return ApiProblems.TooManyRequests(http, wait, "Too many unknown access codes from this address; try again later.");
        }
        var route = AccessCodes.Normalize(code) is { } normalized ? await repository.FindByAccessCodeAsync(normalized, cancellationToken) : null;
        if (route is null)
        {
            lookup.Failed();
        }
        return Found(route);
    }

    /// <summary>200 with the route, or 404 <c>ROUTE_NOT_FOUND</c>.</summary>
    internal static Results<Ok<DataEnvelope<RouteDetails>>, ProblemHttpResult> Found(RouteDetails? route) =>
        route is null
            ? RouteNotFound()
            : TypedResults.Ok(new DataEnvelope<RouteDetails>(route));

    /// <summary>404 <c>ROUTE_NOT_FOUND</c>.</summary>
    internal static ProblemHttpResult RouteNotFound() => ApiProblems.Problem(404, OrleansRides.Catalog.CatalogErrors.RouteNotFound, "No such route.");
}
