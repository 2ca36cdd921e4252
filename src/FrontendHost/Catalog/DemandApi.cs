using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;
using OrleansRides.Catalog.Demand;
using OrleansRides.Catalog.Sessions;
using OrleansRides.FrontendHost.Infrastructure;
using OrleansRides.GrainInterfaces.Errors;

namespace OrleansRides.FrontendHost.Catalog;

/// <summary><c>POST /api/v1/demand</c> (rate limited per client address) and <c>GET /api/v1/demand/heatmap</c>, which
/// serves only aggregates with at least three requesters behind each count.</summary>
public static class DemandApi
{
    private const string Policy = "demand-requests";

    /// <summary>Registers the repository, the validator and the rate limit (<c>RateLimits:DemandRequestsPerMinute</c>,
    /// default 10 per address).</summary>
    public static IHostApplicationBuilder AddDemand(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<DemandRepository>();
        builder.Services.AddSingleton<IValidator<CreateDemandRequest>, CreateDemandValidator>();
        builder.AddPerIpRateLimit(Policy, limits => limits.DemandRequestsPerMinute);
        return builder;
    }

    /// <summary>Maps the endpoints.</summary>
    public static IEndpointRouteBuilder MapDemandApi(this IEndpointRouteBuilder app)
    {
        var demand = app.MapGroup("/api/v1/demand").WithTags("Demand");
        demand.MapPost("/", CreateAsync).RequireRateLimiting(Policy)
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        demand.MapGet("/heatmap", HeatmapAsync)
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    /// <summary>201 with the stored request. An unknown region, or a point too far outside it, is a 400 naming the field;
    /// an unknown or expired <c>sessionId</c> is 404 <c>SESSION_NOT_FOUND</c>.</summary>
    private static async Task<Results<Created<DataEnvelope<DemandView>>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        CreateDemandRequest request, IValidator<CreateDemandRequest> validator, DemandRepository demand, SessionRepository sessions,
        CancellationToken cancellationToken)
    {
        var validation = await validator.ValidateAsync(request, cancellationToken);
        if (!validation.IsValid)
        {
            return ApiProblems.Validation(validation);
        }
        if (await demand.FindRegionAsync(request.RegionId!.Value, cancellationToken) is not { } region)
        {
            return ApiProblems.Validation(new Dictionary<string, string[]> { ["regionId"] = ["No such region."] });
        }
        var outside = new Dictionary<string, string[]>();
        foreach (var (field, point) in new[] { ("start", request.Start!), ("end", request.End!) })
        {
            if (!region.Contains(point.Lat!.Value, point.Lng!.Value))
            {
                outside[field] = [$"Outside the region (its bounds, widened by {DemandRules.BoundsMarginDegrees}°)."];
            }
        }
        if (outside.Count > 0)
        {
            return ApiProblems.Validation(outside);
        }
        Guid? sessionId = null;
        if (request.SessionId is not null || request.Fingerprint is not null)
        {
            if (await sessions.ResolveAsync(request.SessionId, request.Fingerprint, cancellationToken) is not { } session)
            {
                return InterestApi.SessionNotFound();
            }
            sessionId = session.Session.SessionId;
        }
        var view = await demand.CreateAsync(request, sessionId, cancellationToken);
        return TypedResults.Created((string?)null, new DataEnvelope<DemandView>(view));
    }

    /// <summary>200 <c>{ cell, cells: [ { lat, lng, starts, ends } ] }</c>: <paramref name="cell"/> (degrees, 0.001 to 1,
    /// default 0.01) sized cells of the region's demand; see <see cref="DemandRepository.HeatmapAsync"/>.</summary>
    private static async Task<Results<Ok<DataEnvelope<Heatmap>>, ValidationProblem, ProblemHttpResult>> HeatmapAsync(
        Guid? regionId, decimal? cell, DemandRepository demand, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (regionId is null)
        {
            errors["regionId"] = ["Required."];
        }
        if (cell is < DemandRules.MinCell or > DemandRules.MaxCell)
        {
            errors["cell"] = [$"From {DemandRules.MinCell} to {DemandRules.MaxCell} degrees."];
        }
        if (errors.Count > 0)
        {
            return ApiProblems.Validation(errors);
        }
        return await demand.HeatmapAsync(regionId!.Value, cell ?? DemandRules.DefaultCell, cancellationToken) is { } heatmap
            ? TypedResults.Ok(new DataEnvelope<Heatmap>(heatmap))
            : ApiProblems.Problem(404, ErrorCodes.RegionNotFound, "No such region.");
    }
}
