using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using OrleansRides.Catalog.Interest;
using OrleansRides.Catalog.Sessions;
using OrleansRides.FrontendHost.Infrastructure;
using OrleansRides.GrainInterfaces.Errors;
using OrleansRides.GrainInterfaces.Sessions;
using OrleansRides.Runtime;

namespace OrleansRides.FrontendHost.Catalog;

/// <summary><c>POST/DELETE /api/v1/rides/{id}/interest</c>: "I'm coming" and back, idempotent, rate limited per client
/// address. The row is written in PostgreSQL first (one statement: checks, write, count), then the session's grain is
/// told (decision 76); a failed notification is a 503 the client retries, and retrying is harmless.</summary>
public static class InterestApi
{
    private const string Policy = "ride-interest";

    /// <summary>Registers the repository, the validators and the rate limit (<c>RateLimits:InterestChangesPerMinute</c>,
    /// default 120 per address).</summary>
    public static IHostApplicationBuilder AddRideInterest(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<InterestRepository>();
        builder.Services.AddSingleton<IValidator<AddInterestRequest>, AddInterestValidator>();
        builder.Services.AddSingleton<IValidator<RemoveInterestRequest>, RemoveInterestValidator>();
        builder.AddPerIpRateLimit(Policy, limits => limits.InterestChangesPerMinute);
        return builder;
    }

    /// <summary>Maps the endpoints.</summary>
    public static IEndpointRouteBuilder MapRideInterestApi(this IEndpointRouteBuilder app)
    {
        var interest = app.MapGroup("/api/v1/rides/{id:guid}/interest").WithTags("Interest").RequireRateLimiting(Policy);
        interest.MapPost("/", AddAsync).WithProblems();
        interest.MapDelete("/", RemoveAsync).WithProblems();
        return app;
    }

    private static RouteHandlerBuilder WithProblems(this RouteHandlerBuilder endpoint) =>
        endpoint.ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status429TooManyRequests);

    /// <summary>200 <c>{ interestCount, sessionId, interested: true }</c>; <c>{}</c> makes a new session.</summary>
    private static async Task<Results<Ok<DataEnvelope<InterestAdded>>, ValidationProblem, ProblemHttpResult>> AddAsync(
        Guid id, AddInterestRequest request, IValidator<AddInterestRequest> validator, SessionRepository sessions,
        InterestRepository interest, IGrainFactory grains, CancellationToken cancellationToken)
    {
        var validation = await validator.ValidateAsync(request, cancellationToken);
        if (!validation.IsValid)
        {
            return ApiProblems.Validation(validation);
        }
        if (await sessions.ResolveAsync(request.SessionId, request.Fingerprint, cancellationToken) is not { } session)
        {
            return SessionNotFound();
        }
        var sessionId = session.Session.SessionId;
        var change = await interest.AddAsync(id, sessionId, cancellationToken);
        if (Problem(change) is { } problem)
        {
            return problem;
        }
        await grains.GetGrain<ISessionGrain>(SessionKeys.GrainKey(sessionId)).InterestChanged(id, interested: true);
        return TypedResults.Ok(new DataEnvelope<InterestAdded>(new(change.InterestCount, sessionId, Interested: true)));
    }

    /// <summary>200 <c>{ interestCount, interested: false }</c>; a session that was not interested is fine.</summary>
    private static async Task<Results<Ok<DataEnvelope<InterestRemoved>>, ValidationProblem, ProblemHttpResult>> RemoveAsync(
        Guid id, [FromBody] RemoveInterestRequest request, IValidator<RemoveInterestRequest> validator, SessionRepository sessions,
        InterestRepository interest, IGrainFactory grains, CancellationToken cancellationToken)
    {
        var validation = await validator.ValidateAsync(request, cancellationToken);
        if (!validation.IsValid)
        {
            return ApiProblems.Validation(validation);
        }
        var sessionId = request.SessionId!.Value;
        if (await sessions.UseAsync(sessionId, cancellationToken) is null)
        {
            return SessionNotFound();
        }
        var change = await interest.RemoveAsync(id, sessionId, cancellationToken);
        if (Problem(change) is { } problem)
        {
            return problem;
        }
        await grains.GetGrain<ISessionGrain>(SessionKeys.GrainKey(sessionId)).InterestChanged(id, interested: false);
        return TypedResults.Ok(new DataEnvelope<InterestRemoved>(new(change.InterestCount, Interested: false)));
    }

    private static ProblemHttpResult? Problem(InterestChange change) => change.Outcome switch
    {
        InterestOutcome.RideNotFound => ApiProblems.Problem(404, ErrorCodes.RideNotFound, "No such ride."),
        InterestOutcome.SessionNotFound => SessionNotFound(),
        InterestOutcome.RideNotOpen => ApiProblems.Problem(409, ErrorCodes.RideNotOpen,
            "The ride is cancelled, completed or has started; interest in it can no longer change."),
        _ => null,
    };

    /// <summary>404 <c>SESSION_NOT_FOUND</c>, for every endpoint that names a session.</summary>
    internal static ProblemHttpResult SessionNotFound() =>
        ApiProblems.Problem(404, ErrorCodes.SessionNotFound, "No such session, or it expired; create one with POST /api/v1/sessions.");
}
