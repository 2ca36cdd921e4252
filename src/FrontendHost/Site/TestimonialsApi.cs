using System.Security.Claims;
using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;
using OrleansRides.FrontendHost.Auth;
using OrleansRides.FrontendHost.Catalog;
using OrleansRides.FrontendHost.Infrastructure;
using OrleansRides.Site.Testimonials;

namespace OrleansRides.FrontendHost.Site;

/// <summary><c>/api/v1/testimonials</c>: anyone submits one (pending; <c>RateLimits:TestimonialsPerHour</c> per client
/// address, default 5) and reads the approved ones; staff (<see cref="Roles.EditorsPolicy"/>) work through the pending queue,
/// oldest first. A decision is final (409 <c>TESTIMONIAL_DECIDED</c> the second time) and evicts the cached homepage, which
/// shows the latest approved testimonials.</summary>
public static class TestimonialsApi
{
    private const string SubmitPolicy = "testimonials";

    /// <summary>Registers the repository, the validator and the submission rate limit.</summary>
    public static IHostApplicationBuilder AddTestimonials(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<TestimonialRepository>();
        builder.Services.AddSingleton<IValidator<TestimonialRequest>, TestimonialValidator>();
        builder.AddPerIpRateLimit(SubmitPolicy, limits => limits.TestimonialsPerHour, TimeSpan.FromHours(1));
        return builder;
    }

    /// <summary>Maps the endpoints.</summary>
    public static IEndpointRouteBuilder MapTestimonialsApi(this IEndpointRouteBuilder app)
    {
        var testimonials = app.MapGroup("/api/v1/testimonials").WithTags("Testimonials");
        testimonials.MapPost("/", SubmitAsync).RequireRateLimiting(SubmitPolicy)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge).ProducesProblem(StatusCodes.Status429TooManyRequests);
        testimonials.MapGet("/", ListApprovedAsync);

        var staff = testimonials.MapGroup("").RequireAuthorization(Roles.EditorsPolicy)
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        staff.MapGet("/pending", ListPendingAsync);
        staff.MapPost("/{id:guid}/approve", (Guid id, ClaimsPrincipal caller, TestimonialRepository repository, SiteCache cache, CancellationToken cancellationToken) =>
            DecideAsync(id, TestimonialStatus.Approved, caller, repository, cache, cancellationToken))
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        staff.MapPost("/{id:guid}/reject", (Guid id, ClaimsPrincipal caller, TestimonialRepository repository, SiteCache cache, CancellationToken cancellationToken) =>
            DecideAsync(id, TestimonialStatus.Rejected, caller, repository, cache, cancellationToken))
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        return app;
    }

    private static async Task<Results<Created<DataEnvelope<TestimonialReceipt>>, ValidationProblem>> SubmitAsync(
        TestimonialRequest request, IValidator<TestimonialRequest> validator, TestimonialRepository repository, CancellationToken cancellationToken)
    {
        var validation = await validator.ValidateAsync(request, cancellationToken);
        if (!validation.IsValid)
        {
            return ApiProblems.Validation(validation);
        }
        return TypedResults.Created((string?)null, new DataEnvelope<TestimonialReceipt>(await repository.SubmitAsync(request, cancellationToken)));
    }

    private static async Task<Results<Ok<NumberedPageEnvelope<Testimonial>>, ValidationProblem>> ListApprovedAsync(
        int? page, int? limit, TestimonialRepository repository, CancellationToken cancellationToken) =>
        ListPaging.Read(page, limit, out var query) is { } problem
            ? problem
            : TypedResults.Ok(NumberedPageEnvelope<Testimonial>.Of(await repository.ListApprovedAsync(query, cancellationToken)));

    private static async Task<Results<Ok<NumberedPageEnvelope<StaffTestimonial>>, ValidationProblem>> ListPendingAsync(
        int? page, int? limit, TestimonialRepository repository, CancellationToken cancellationToken) =>
        ListPaging.Read(page, limit, out var query) is { } problem
            ? problem
            : TypedResults.Ok(NumberedPageEnvelope<StaffTestimonial>.Of(await repository.ListPendingAsync(query, cancellationToken)));

    private static async Task<Results<Ok<DataEnvelope<StaffTestimonial>>, ProblemHttpResult>> DecideAsync(
        Guid id, TestimonialStatus decision, ClaimsPrincipal caller, TestimonialRepository repository, SiteCache cache, CancellationToken cancellationToken)
    {
        var outcome = await repository.DecideAsync(id, decision, caller.UserId(), cancellationToken);
        if (outcome.Testimonial is not { } testimonial)
        {
            return ApiProblems.Problem(404, TestimonialErrors.NotFound, "No such testimonial.");
        }
        if (outcome.AlreadyDecided)
        {
            return ApiProblems.Problem(409, TestimonialErrors.Decided, "This testimonial was already decided.",
                $"It is {testimonial.Status.ToString().ToLowerInvariant()}.");
        }
        await cache.InvalidateAsync(SiteCacheTags.Homepage);
        return TypedResults.Ok(new DataEnvelope<StaffTestimonial>(testimonial));
    }
}
