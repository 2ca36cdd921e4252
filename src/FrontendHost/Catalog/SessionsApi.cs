using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;
using OrleansRides.Catalog.Sessions;
using OrleansRides.FrontendHost.Infrastructure;

namespace OrleansRides.FrontendHost.Catalog;

/// <summary><c>POST /api/v1/sessions</c>: get or create an anonymous session (rate limited per client address), and the
/// hourly clean-up of expired ones.</summary>
public static class SessionsApi
{
    private const string CreationPolicy = "session-creation";

    /// <summary>Registers the repository, the validator, the clean-up job (<c>session-cleanup</c>, hourly) and the rate limit
    /// (<c>RateLimits:SessionsPerMinute</c>, default 30 per address).</summary>
    public static IHostApplicationBuilder AddSessions(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<SessionRepository>();
        builder.Services.AddSingleton<IValidator<CreateSessionRequest>, CreateSessionValidator>();
        builder.AddPeriodicJob<SessionCleanupJob>("session-cleanup", TimeSpan.FromHours(1));
        builder.AddPerIpRateLimit(CreationPolicy, limits => limits.SessionsPerMinute);
        return builder;
    }

    /// <summary>Maps the endpoint.</summary>
    public static IEndpointRouteBuilder MapSessionsApi(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/v1/sessions").WithTags("Sessions")
            .MapPost("/", CreateAsync).RequireRateLimiting(CreationPolicy)
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status429TooManyRequests);
        return app;
    }

    /// <summary>200 with the live session of this fingerprint (its expiry moved on), or 201 with a new one. The body is
    /// required (<c>{}</c> for a new session without a fingerprint), so a request that lost its body is refused, not
    /// mistaken for one that wants a new session.</summary>
    private static async Task<Results<Ok<DataEnvelope<AnonymousSession>>, Created<DataEnvelope<AnonymousSession>>, ValidationProblem>> CreateAsync(
        CreateSessionRequest request, IValidator<CreateSessionRequest> validator, SessionRepository sessions, CancellationToken cancellationToken)
    {
        var validation = await validator.ValidateAsync(request, cancellationToken);
        if (!validation.IsValid)
        {
            return ApiProblems.Validation(validation);
        }
        var result = await sessions.GetOrCreateAsync(request.Fingerprint, cancellationToken);
        var body = new DataEnvelope<AnonymousSession>(result.Session);
        return result.Created ? TypedResults.Created((string?)null, body) : TypedResults.Ok(body);
    }
}
