using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using OrleansRides.Catalog;
using OrleansRides.FrontendHost.Auth;
using OrleansRides.FrontendHost.Catalog;
using OrleansRides.FrontendHost.Infrastructure;
using OrleansRides.Site.Pages;

namespace OrleansRides.FrontendHost.Site;

/// <summary><c>/api/v1/pages</c>: the station's static pages (about, contact, …). Anyone reads (cached,
/// <see cref="SiteCachePolicies.Pages"/>); editors and admins create, change and delete. Content is stored sanitised.</summary>
public static class PagesApi
{
    private static readonly PageValidator CreateRules = new(isCreate: true);
    private static readonly PageValidator UpdateRules = new(isCreate: false);

    /// <summary>Registers the repository.</summary>
    public static IHostApplicationBuilder AddSitePages(this IHostApplicationBuilder builder)
    {
        // The create rules, which the handlers use too (TextHygieneTests finds every body\'s validator in DI).
        builder.Services.AddSingleton<FluentValidation.IValidator<PageEditRequest>>(CreateRules);
        builder.Services.AddSingleton<PageRepository>();
        return builder;
    }

    /// <summary>Maps the endpoints.</summary>
    public static IEndpointRouteBuilder MapSitePagesApi(this IEndpointRouteBuilder app)
    {
        var pages = app.MapGroup("/api/v1/pages").WithTags("Pages");
        pages.MapGet("/", async (PageRepository repository, CancellationToken cancellationToken) =>
            TypedResults.Ok(new DataEnvelope<IReadOnlyList<PageSummary>>(await repository.ListAsync(cancellationToken))))
            .CacheOutput(SiteCachePolicies.Pages);
        pages.MapGet("/{slug}", GetAsync).CacheOutput(SiteCachePolicies.Pages).ProducesProblem(StatusCodes.Status404NotFound);
        var staff = pages.MapGroup("").RequireAuthorization(Roles.EditorsPolicy)
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        staff.MapPost("/", CreateAsync).ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status413PayloadTooLarge);
        staff.MapPut("/{slug}", UpdateAsync).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge);
        staff.MapDelete("/{slug}", DeleteAsync).ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    private static async Task<Results<Ok<DataEnvelope<Page>>, ProblemHttpResult>> GetAsync(
        string slug, PageRepository repository, CancellationToken cancellationToken) =>
        Slugs.IsValid(slug) && await repository.FindAsync(slug, cancellationToken) is { } page
            ? TypedResults.Ok(new DataEnvelope<Page>(page))
            : CatalogProblems.NotFound(PagesErrors.PageNotFound);

    private static async Task<Results<Created<DataEnvelope<Page>>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        PageEditRequest request, ClaimsPrincipal caller, PageRepository repository, SiteCache cache, CancellationToken cancellationToken)
    {
        var validation = await CreateRules.ValidateAsync(request, cancellationToken);
        if (!validation.IsValid)
        {
            return ApiProblems.Validation(validation);
        }
        var result = await repository.CreateAsync(request, caller.UserId(), cancellationToken);
        if (result.Value is not { } page)
        {
            return CatalogProblems.Of(result.Failure, PagesErrors.PageNotFound);
        }
        await cache.InvalidateAsync(SiteCacheTags.Pages);
        return TypedResults.Created($"/api/v1/pages/{page.Slug}", new DataEnvelope<Page>(page));
    }

    private static async Task<Results<Ok<DataEnvelope<Page>>, ValidationProblem, ProblemHttpResult>> UpdateAsync(
        string slug, PageEditRequest request, ClaimsPrincipal caller, PageRepository repository, SiteCache cache, CancellationToken cancellationToken)
    {
        var validation = await UpdateRules.ValidateAsync(request, cancellationToken);
        if (!validation.IsValid)
        {
            return ApiProblems.Validation(validation);
        }
        if (!Slugs.IsValid(slug))
        {
            return CatalogProblems.NotFound(PagesErrors.PageNotFound);
        }
        var result = await repository.UpdateAsync(slug, request, caller.UserId(), cancellationToken);
        if (result.Value is not { } page)
        {
            return CatalogProblems.Of(result.Failure, PagesErrors.PageNotFound);
        }
        await cache.InvalidateAsync(SiteCacheTags.Pages);
        return TypedResults.Ok(new DataEnvelope<Page>(page));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(
        string slug, PageRepository repository, SiteCache cache, CancellationToken cancellationToken)
    {
        if (!Slugs.IsValid(slug) || !await repository.DeleteAsync(slug, cancellationToken))
        {
            return CatalogProblems.NotFound(PagesErrors.PageNotFound);
        }
        await cache.InvalidateAsync(SiteCacheTags.Pages);
        return TypedResults.NoContent();
    }
}
