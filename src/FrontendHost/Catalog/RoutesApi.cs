using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;
using OrleansRides.FrontendHost.Infrastructure;
using OrleansRides.GrainInterfaces.Rides;

namespace OrleansRides.FrontendHost.Catalog;

/// <summary><c>/api/v1/routes</c>: create a route (rate limited per client IP) and read it by id or access code (failed
/// code look-ups limited per client address, <see cref="AccessCodeLookups"/>).</summary>
public static class RoutesApi
{
    private const string CreationPolicy = "route-creation";

    /// <summary>Registers the repository, the validator and the creation rate limit (<c>RateLimits:RouteCreationsPerMinute</c>,
    /// default 30 per IP per minute).</summary>
    public static IHostApplicationBuilder AddRouteCatalog(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<RouteRepository>();
        builder.Services.AddSingleton<AccessCodeLookups>();
        builder.Services.AddSingleton<IValidator<CreateRouteRequest>, CreateRouteValidator>();
        builder.AddPerIpRateLimit(CreationPolicy, "RouteCreationsPerMinute", 30);
        return builder;
    }

    /// <summary>Maps the endpoints.</summary>
    public static IEndpointRouteBuilder MapRoutesApi(this IEndpointRouteBuilder app)
    {
        var routes = app.MapGroup("/api/v1/routes").WithTags("Routes");
        routes.MapPost("/", CreateAsync).RequireRateLimiting(CreationPolicy);
        routes.MapGet("/{id:guid}", GetByIdAsync).WithName("GetRoute");
        routes.MapGet("/by-code/{code}", GetByCodeAsync)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status429TooManyRequests);
        return app;
    }

    private static async Task<Results<Created<DataEnvelope<object>>, ValidationProblem>> CreateAsync(
        CreateRouteRequest request, IValidator<CreateRouteRequest> validator, RouteRepository repository, CancellationToken cancellationToken)
    {
        var validation = await validator.ValidateAsync(request, cancellationToken);
        if (!validation.IsValid)
        {
            return ApiProblems.Validation(validation);
        }
        var created = await repository.CreateAsync(request, cancellationToken);
        return TypedResults.Created($"/api/v1/routes/{created.Route.Id}", new DataEnvelope<object>(created.ToResponse()));
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

    private static Results<Ok<DataEnvelope<RouteDetails>>, ProblemHttpResult> Found(RouteDetails? route) =>
        route is null
            ? ApiProblems.Problem(404, "ROUTE_NOT_FOUND", "No such route.")
            : TypedResults.Ok(new DataEnvelope<RouteDetails>(route));
}
