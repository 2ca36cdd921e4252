using System.Security.Claims;
using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;
using OrleansRides.FrontendHost.Auth;
using OrleansRides.FrontendHost.Catalog;
using OrleansRides.FrontendHost.Infrastructure;
using OrleansRides.Site;
using OrleansRides.Site.Articles;
using OrleansRides.Site.Categories;

namespace OrleansRides.FrontendHost.Site;

/// <summary><c>/api/v1/articles</c>: anyone reads published articles (cached for anonymous callers,
/// <see cref="SiteCachePolicies.Articles"/>); staff (<see cref="Roles.EditorsPolicy"/>) also read drafts and archived ones,
/// write and preview (an editor changes only their own articles, an admin any); admins archive. Every write evicts
/// <see cref="SiteCacheTags.Articles"/> and <see cref="SiteCacheTags.Homepage"/>. The categories are
/// <see cref="CategoriesApi"/>.</summary>
public static class ArticlesApi
{
    /// <summary>Registers the repositories and validators of articles and categories.</summary>
    public static IHostApplicationBuilder AddArticles(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<ArticleRepository>();
        builder.Services.AddSingleton<CategoryRepository>();
        builder.Services.AddSingleton<CreateArticleValidator>();
        builder.Services.AddSingleton<UpdateArticleValidator>();
        builder.Services.AddSingleton<ArticlePreviewValidator>();
        builder.Services.AddSingleton<ArticleListQueryValidator>();
        builder.Services.AddSingleton<CreateCategoryValidator>();
        builder.Services.AddSingleton<UpdateCategoryValidator>();
        // Each body type's strictest rules also answer as its IValidator<T>, where the text-hygiene sweep finds them.
        builder.Services.AddSingleton<IValidator<ArticleRequest>>(sp => sp.GetRequiredService<CreateArticleValidator>());
        builder.Services.AddSingleton<IValidator<ArticlePreviewRequest>>(sp => sp.GetRequiredService<ArticlePreviewValidator>());
        builder.Services.AddSingleton<IValidator<CategoryRequest>>(sp => sp.GetRequiredService<CreateCategoryValidator>());
        return builder;
    }

    /// <summary>Maps the article and category endpoints.</summary>
    public static IEndpointRouteBuilder MapArticlesApi(this IEndpointRouteBuilder app)
    {
        var articles = app.MapGroup("/api/v1/articles").WithTags("Articles");
        articles.MapGet("/", ListAsync).CacheOutput(SiteCachePolicies.Articles)
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status403Forbidden);
        articles.MapGet("/{slug}", GetAsync).CacheOutput(SiteCachePolicies.Articles).ProducesProblem(StatusCodes.Status404NotFound);
        var staff = articles.MapGroup("").RequireAuthorization(Roles.EditorsPolicy)
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge).ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        staff.MapPost("/", CreateAsync).ProducesProblem(StatusCodes.Status409Conflict);
        staff.MapPost("/preview", Preview);
        staff.MapPut("/{slug}", UpdateAsync).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        articles.MapDelete("/{slug}", ArchiveAsync).RequireAuthorization(Roles.AdminsPolicy)
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
        app.MapCategoriesApi();
        return app;
    }

    private static async Task<Results<Ok<NumberedPageEnvelope<ArticleSummary>>, ValidationProblem, ProblemHttpResult>> ListAsync(
        [AsParameters] ArticleListQuery query, ClaimsPrincipal user, ArticleListQueryValidator validator, ArticleRepository repository,
        CancellationToken cancellationToken)
    {
        var validation = await validator.ValidateAsync(query, cancellationToken);
        if (!validation.IsValid)
        {
            return ApiProblems.Validation(validation);
        }
        var isStaff = StaffRoles.IsEditorOrAdmin(user.RoleName());
        if (query.Status is { } status && status != ArticleStatuses.Published && !isStaff)
        {
            return ApiProblems.Problem(403, ArticleErrors.StatusForStaffOnly, "Only staff list articles that are not published.");
        }
        return TypedResults.Ok(NumberedPageEnvelope<ArticleSummary>.Of(
            await repository.ListAsync(query.ToFilter(isStaff), query.ToPage(), cancellationToken)));
    }

    private static async Task<Results<Ok<DataEnvelope<Article>>, ProblemHttpResult>> GetAsync(
        string slug, ClaimsPrincipal user, ArticleRepository repository, CancellationToken cancellationToken) =>
        await repository.FindAsync(slug, StaffRoles.IsEditorOrAdmin(user.RoleName()), cancellationToken) is { } article
            ? TypedResults.Ok(new DataEnvelope<Article>(article))
            : NotFound();

    private static async Task<Results<Created<DataEnvelope<Article>>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        ArticleRequest request, ClaimsPrincipal user, CreateArticleValidator validator, ArticleRepository repository, SiteCache cache,
        CancellationToken cancellationToken)
    {
        var validation = await validator.ValidateAsync(request, cancellationToken);
        if (!validation.IsValid)
        {
            return ApiProblems.Validation(validation);
        }
        var write = await repository.CreateAsync(request, user.UserId()!.Value, cancellationToken);
        if (write.Article is not { } article)
        {
            return ProblemOf(write.Failure);
        }
        await cache.InvalidateAsync(SiteCacheTags.Articles, SiteCacheTags.Homepage);
        return TypedResults.Created($"/api/v1/articles/{article.Slug}", new DataEnvelope<Article>(article));
    }

    private static async Task<Results<Ok<DataEnvelope<Article>>, ValidationProblem, ProblemHttpResult>> UpdateAsync(
        string slug, ArticleRequest patch, ClaimsPrincipal user, UpdateArticleValidator validator, ArticleRepository repository,
        SiteCache cache, CancellationToken cancellationToken)
    {
        var validation = await validator.ValidateAsync(patch, cancellationToken);
        if (!validation.IsValid)
        {
            return ApiProblems.Validation(validation);
        }
        var writer = new ArticleWriter(user.UserId()!.Value, user.RoleName() == Roles.Admin);
        var write = await repository.UpdateAsync(slug, patch, writer, cancellationToken);
        if (write.Article is not { } article)
        {
            return ProblemOf(write.Failure);
        }
        await cache.InvalidateAsync(SiteCacheTags.Articles, SiteCacheTags.Homepage);
        return TypedResults.Ok(new DataEnvelope<Article>(article));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> ArchiveAsync(
        string slug, ArticleRepository repository, SiteCache cache, CancellationToken cancellationToken)
    {
        if (!await repository.ArchiveAsync(slug, cancellationToken))
        {
            return NotFound();
        }
        await cache.InvalidateAsync(SiteCacheTags.Articles, SiteCacheTags.Homepage);
        return TypedResults.NoContent();
    }

    private static async Task<Results<Ok<DataEnvelope<ArticlePreview>>, ValidationProblem>> Preview(
        ArticlePreviewRequest request, ArticlePreviewValidator validator, CancellationToken cancellationToken)
    {
        var validation = await validator.ValidateAsync(request, cancellationToken);
        return validation.IsValid
            ? TypedResults.Ok(new DataEnvelope<ArticlePreview>(new ArticlePreview(ArticleContent.Prepare(request.Content!).Html)))
            : ApiProblems.Validation(validation);
    }

    private static ProblemHttpResult NotFound() => ApiProblems.Problem(404, ArticleErrors.ArticleNotFound, "No such article.");

    // An unknown category is a field error (400 naming categoryId), as the catalog treats an unknown regionId.
    private static ProblemHttpResult ProblemOf(ArticleWriteFailure failure) => failure switch
    {
        ArticleWriteFailure.NotFound => NotFound(),
        ArticleWriteFailure.SlugTaken => ApiProblems.Problem(409, ArticleErrors.SlugTaken, "Another article already has this slug."),
        ArticleWriteFailure.NotAuthor => ApiProblems.Problem(403, ArticleErrors.NotArticleAuthor, "Editors change only their own articles."),
        ArticleWriteFailure.UnknownCategory => UnknownCategory(),
        _ => throw new ArgumentOutOfRangeException(nameof(failure), failure, "Not a failure."),
    };

    private static ProblemHttpResult UnknownCategory() =>
        TypedResults.Problem(new Microsoft.AspNetCore.Mvc.ProblemDetails
        {
            Status = 400,
            Title = "The request is invalid.",
            Extensions =
            {
                ["code"] = ApiProblems.ValidationFailed,
                ["errors"] = new Dictionary<string, string[]> { ["categoryId"] = ["No category has this id."] },
            },
        });
}
