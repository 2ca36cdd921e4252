using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using OrleansRides.Catalog;
using OrleansRides.FrontendHost.Auth;
using OrleansRides.FrontendHost.Catalog;
using OrleansRides.FrontendHost.Infrastructure;
using OrleansRides.Site.Announcements;

namespace OrleansRides.FrontendHost.Site;

/// <summary><c>/api/v1/announcements</c>: banners with an optional link and a visibility window. Anyone reads the current
/// ones (cached, <see cref="SiteCachePolicies.Announcements"/>); <c>?all=true</c>, the single item and the writes are for
/// editors and admins. Writes evict the announcements and the homepage on every frontend.</summary>
public static class AnnouncementsApi
{
    /// <summary>Most current announcements one answer lists.</summary>
    public const int MaxCurrent = 50;

    private static readonly AnnouncementValidator CreateRules = new(isCreate: true);
    private static readonly AnnouncementValidator UpdateRules = new(isCreate: false);

    /// <summary>Registers the repository.</summary>
    public static IHostApplicationBuilder AddSiteAnnouncements(this IHostApplicationBuilder builder)
    {
        // The create rules, which the handlers use too (TextHygieneTests finds every body\'s validator in DI).
        builder.Services.AddSingleton<FluentValidation.IValidator<AnnouncementRequest>>(CreateRules);
        builder.Services.AddSingleton<AnnouncementRepository>();
        return builder;
    }

    /// <summary>Maps the endpoints.</summary>
    public static IEndpointRouteBuilder MapSiteAnnouncementsApi(this IEndpointRouteBuilder app)
    {
        var announcements = app.MapGroup("/api/v1/announcements").WithTags("Announcements");
        announcements.MapGet("/", ListAsync).CacheOutput(SiteCachePolicies.Announcements)
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        var staff = announcements.MapGroup("").RequireAuthorization(Roles.EditorsPolicy)
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        staff.MapGet("/{id:guid}", GetAsync).ProducesProblem(StatusCodes.Status404NotFound);
        staff.MapPost("/", CreateAsync);
        staff.MapPut("/{id:guid}", UpdateAsync).ProducesProblem(StatusCodes.Status404NotFound);
        staff.MapDelete("/{id:guid}", DeleteAsync).ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    private static async Task<Results<Ok<DataEnvelope<IReadOnlyList<Announcement>>>, ProblemHttpResult>> ListAsync(
        bool? all, ClaimsPrincipal caller, IAuthorizationService authorization, AnnouncementRepository repository, TimeProvider time,
        CancellationToken cancellationToken)
    {
        if (all == true)
        {
            return await SiteWrites.StaffOnlyAsync(caller, authorization) is { } refused
                ? refused
                : TypedResults.Ok(new DataEnvelope<IReadOnlyList<Announcement>>(await repository.ListAllAsync(cancellationToken)));
        }
        return TypedResults.Ok(new DataEnvelope<IReadOnlyList<Announcement>>(
            await repository.ListCurrentAsync(time.GetUtcNow(), MaxCurrent, cancellationToken)));
    }

    private static async Task<Results<Ok<DataEnvelope<Announcement>>, ProblemHttpResult>> GetAsync(
        Guid id, AnnouncementRepository repository, CancellationToken cancellationToken) =>
        await repository.FindAsync(id, cancellationToken) is { } announcement
            ? TypedResults.Ok(new DataEnvelope<Announcement>(announcement))
            : CatalogProblems.NotFound(AnnouncementsErrors.AnnouncementNotFound);

    private static async Task<Results<Created<DataEnvelope<Announcement>>, ValidationProblem>> CreateAsync(
        AnnouncementRequest request, ClaimsPrincipal caller, AnnouncementRepository repository, SiteCache cache, TimeProvider time,
        CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var validation = await CreateRules.ValidateAsync(request, cancellationToken);
        if (!validation.IsValid)
        {
            return ApiProblems.Validation(validation);
        }
        if (request.VisibleFrom is null && request.VisibleUntil <= now)
        {
            return SiteWrites.Invalid("visibleUntil", "'visibleUntil' must be after 'visibleFrom' (now when absent).");
        }
        var announcement = await repository.CreateAsync(request, caller.UserId(), now, cancellationToken);
        await cache.InvalidateAsync(SiteCacheTags.Announcements, SiteCacheTags.Homepage);
        return TypedResults.Created($"/api/v1/announcements/{announcement.Id}", new DataEnvelope<Announcement>(announcement));
    }

    private static async Task<Results<Ok<DataEnvelope<Announcement>>, ValidationProblem, ProblemHttpResult>> UpdateAsync(
        Guid id, AnnouncementRequest request, AnnouncementRepository repository, SiteCache cache, CancellationToken cancellationToken)
    {
        var validation = await UpdateRules.ValidateAsync(request, cancellationToken);
        if (!validation.IsValid)
        {
            return ApiProblems.Validation(validation);
        }
        var result = await repository.UpdateAsync(id, request, cancellationToken);
        switch (result.Failure)
        {
            case WriteFailure.None:
                await cache.InvalidateAsync(SiteCacheTags.Announcements, SiteCacheTags.Homepage);
                return TypedResults.Ok(new DataEnvelope<Announcement>(result.Value!));
            case WriteFailure.InUse:
                return SiteWrites.Invalid("visibleUntil", "'visibleUntil' must be after 'visibleFrom'.");
            default:
                return CatalogProblems.NotFound(AnnouncementsErrors.AnnouncementNotFound);
        }
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(
        Guid id, AnnouncementRepository repository, SiteCache cache, CancellationToken cancellationToken)
    {
        if (!await repository.DeleteAsync(id, cancellationToken))
        {
            return CatalogProblems.NotFound(AnnouncementsErrors.AnnouncementNotFound);
        }
        await cache.InvalidateAsync(SiteCacheTags.Announcements, SiteCacheTags.Homepage);
        return TypedResults.NoContent();
    }
}
