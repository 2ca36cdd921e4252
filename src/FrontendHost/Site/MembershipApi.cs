using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;
using OrleansRides.Catalog;
using OrleansRides.FrontendHost.Auth;
using OrleansRides.FrontendHost.Catalog;
using OrleansRides.FrontendHost.Infrastructure;
using OrleansRides.Site.Membership;

namespace OrleansRides.FrontendHost.Site;

/// <summary><c>/api/v1/membership</c>: anyone reads the partnership tiers (<c>/info</c>) and registers (<c>/register</c>,
/// <c>RateLimits:MembershipRegistrationsPerHour</c> per client address, default 10); staff
/// (<see cref="Roles.EditorsPolicy"/>) edit the tiers and read the registrations.</summary>
public static class MembershipApi
{
    private const string RegisterPolicy = "membership-registrations";
    private static readonly StaffWrites Writes = new(MembershipErrors.TierNotFound, CatalogErrors.SlugTaken);

    /// <summary>Registers the repositories, the validators and the registration rate limit.</summary>
    public static IHostApplicationBuilder AddMembership(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<TierRepository>();
        builder.Services.AddSingleton<RegistrationRepository>();
        builder.Services.AddSingleton<NewTierValidator>();
        // The update rules are the type's general ones (every field checked when present); creating adds the required name.
        builder.Services.AddSingleton<IValidator<TierRequest>, TierValidator>();
        builder.Services.AddSingleton<IValidator<RegistrationRequest>, RegistrationValidator>();
        builder.AddPerIpRateLimit(RegisterPolicy, limits => limits.MembershipRegistrationsPerHour, TimeSpan.FromHours(1));
        return builder;
    }

    /// <summary>Maps the endpoints.</summary>
    public static IEndpointRouteBuilder MapMembershipApi(this IEndpointRouteBuilder app)
    {
        var membership = app.MapGroup("/api/v1/membership").WithTags("Membership");
        membership.MapGet("/info", async (TierRepository tiers, CancellationToken cancellationToken) =>
            TypedResults.Ok(new DataEnvelope<MembershipInfo>(new MembershipInfo(await tiers.ListAsync(cancellationToken)))));
        membership.MapPost("/register", RegisterAsync).RequireRateLimiting(RegisterPolicy)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge).ProducesProblem(StatusCodes.Status429TooManyRequests);

        var staff = membership.MapGroup("").RequireAuthorization(Roles.EditorsPolicy)
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        staff.MapPost("/tiers", CreateTierAsync).ProducesProblem(StatusCodes.Status409Conflict);
        staff.MapPut("/tiers/{id:guid}", UpdateTierAsync).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        staff.MapDelete("/tiers/{id:guid}", DeleteTierAsync).ProducesProblem(StatusCodes.Status404NotFound);
        staff.MapGet("/registrations", ListRegistrationsAsync);
        return app;
    }

    private static async Task<Results<Created<DataEnvelope<RegistrationReceipt>>, ValidationProblem>> RegisterAsync(
        RegistrationRequest request, IValidator<RegistrationRequest> validator, RegistrationRepository registrations, CancellationToken cancellationToken)
    {
        var validation = await validator.ValidateAsync(request, cancellationToken);
        if (!validation.IsValid)
        {
            return ApiProblems.Validation(validation);
        }
        return await registrations.RegisterAsync(request, cancellationToken) is { } receipt
            ? TypedResults.Created((string?)null, new DataEnvelope<RegistrationReceipt>(receipt))
            : ApiProblems.Validation(new Dictionary<string, string[]> { ["partnershipType"] = [MembershipErrors.UnknownPartnershipType] });
    }

    private static async Task<Results<Ok<NumberedPageEnvelope<Registration>>, ValidationProblem>> ListRegistrationsAsync(
        int? page, int? limit, RegistrationRepository registrations, CancellationToken cancellationToken) =>
        ListPaging.Read(page, limit, out var query) is { } problem
            ? problem
            : TypedResults.Ok(NumberedPageEnvelope<Registration>.Of(await registrations.ListAsync(query, cancellationToken)));

    private static Task<Results<Created<DataEnvelope<Tier>>, ValidationProblem, ProblemHttpResult>> CreateTierAsync(
        TierRequest request, NewTierValidator validator, TierRepository tiers, CancellationToken cancellationToken) =>
        Writes.CreateAsync(request, validator, () => tiers.CreateAsync(request, cancellationToken), tier => $"/api/v1/membership/tiers/{tier.Id}", cancellationToken);

    private static Task<Results<Ok<DataEnvelope<Tier>>, ValidationProblem, ProblemHttpResult>> UpdateTierAsync(
        Guid id, TierRequest request, IValidator<TierRequest> validator, TierRepository tiers, CancellationToken cancellationToken) =>
        Writes.UpdateAsync(request, validator, () => tiers.UpdateAsync(id, request, cancellationToken), cancellationToken);

    private static Task<Results<NoContent, ProblemHttpResult>> DeleteTierAsync(Guid id, TierRepository tiers, CancellationToken cancellationToken) =>
        Writes.DeleteAsync(tiers.DeleteAsync(id, cancellationToken));
}
