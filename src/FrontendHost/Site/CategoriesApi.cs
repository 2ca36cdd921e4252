using Microsoft.AspNetCore.Http.HttpResults;
using OrleansRides.FrontendHost.Auth;
using OrleansRides.FrontendHost.Catalog;
using OrleansRides.Site.Categories;

namespace OrleansRides.FrontendHost.Site;

/// <summary><c>/api/v1/categories</c>: anyone lists them (cached, <see cref="SiteCachePolicies.Articles"/>); staff
/// (<see cref="Roles.EditorsPolicy"/>) create, change and delete them (409 <c>CATEGORY_IN_USE</c> while articles use one).
/// Every write evicts <see cref="SiteCacheTags.Articles"/> and <see cref="SiteCacheTags.Homepage"/> (article answers carry
/// category names).</summary>
public static class CategoriesApi
{
    private static readonly StaffWrites Writes = new(CategoryErrors.CategoryNotFound, CategoryErrors.CategoryInUse);

    /// <summary>Maps the endpoints (called by <see cref="ArticlesApi.MapArticlesApi"/>).</summary>
    public static IEndpointRouteBuilder MapCategoriesApi(this IEndpointRouteBuilder app)
    {
        var categories = app.MapGroup("/api/v1/categories").WithTags("Categories");
        categories.MapGet("/", async (CategoryRepository repository, CancellationToken cancellationToken) =>
            TypedResults.Ok(new DataEnvelope<IReadOnlyList<Category>>(await repository.ListAsync(cancellationToken))))
            .CacheOutput(SiteCachePolicies.Articles);
        var staff = categories.MapGroup("").RequireAuthorization(Roles.EditorsPolicy)
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        staff.MapPost("/", CreateAsync).ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge).ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        staff.MapPut("/{id:guid}", UpdateAsync).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge).ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        staff.MapDelete("/{id:guid}", DeleteAsync).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        return app;
    }

    private static async Task<Results<Created<DataEnvelope<Category>>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        CategoryRequest request, CreateCategoryValidator validator, CategoryRepository repository, SiteCache cache,
        CancellationToken cancellationToken)
    {
        var result = await Writes.CreateAsync(request, validator, () => repository.CreateAsync(request, cancellationToken),
            category => $"/api/v1/categories/{category.Id}", cancellationToken);
        if (result.Result is Created<DataEnvelope<Category>>)
        {
            await cache.InvalidateAsync(SiteCacheTags.Articles, SiteCacheTags.Homepage);
        }
        return result;
    }

    private static async Task<Results<Ok<DataEnvelope<Category>>, ValidationProblem, ProblemHttpResult>> UpdateAsync(
        Guid id, CategoryRequest patch, UpdateCategoryValidator validator, CategoryRepository repository, SiteCache cache,
        CancellationToken cancellationToken)
    {
        var result = await Writes.UpdateAsync(patch, validator, () => repository.UpdateAsync(id, patch, cancellationToken), cancellationToken);
        if (result.Result is Ok<DataEnvelope<Category>>)
        {
            await cache.InvalidateAsync(SiteCacheTags.Articles, SiteCacheTags.Homepage);
        }
        return result;
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(
        Guid id, CategoryRepository repository, SiteCache cache, CancellationToken cancellationToken)
    {
        var result = await Writes.DeleteAsync(repository.DeleteAsync(id, cancellationToken));
        if (result.Result is NoContent)
        {
            await cache.InvalidateAsync(SiteCacheTags.Articles, SiteCacheTags.Homepage);
        }
        return result;
    }
}
