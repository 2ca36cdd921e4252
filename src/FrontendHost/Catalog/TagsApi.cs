using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;
using OrleansRides.Catalog;
using OrleansRides.Catalog.Tags;
using OrleansRides.FrontendHost.Auth;

namespace OrleansRides.FrontendHost.Catalog;

/// <summary><c>/api/v1/tags</c>: anyone reads (<c>?isActive=true</c> for the active ones only); editors and admins
/// (<see cref="Roles.EditorsPolicy"/>) create, replace and delete (routes lose a deleted tag; deactivate it to keep it on
/// them).</summary>
public static class TagsApi
{
    /// <summary>Registers the repository and the validator.</summary>
    public static IHostApplicationBuilder AddTags(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<TagRepository>();
        builder.Services.AddSingleton<IValidator<TagRequest>, TagValidator>();
        return builder;
    }

    /// <summary>Maps the endpoints.</summary>
    public static IEndpointRouteBuilder MapTagsApi(this IEndpointRouteBuilder app)
    {
        var tags = app.MapGroup("/api/v1/tags").WithTags("Tags");
        tags.MapGet("/", async (bool? isActive, TagRepository repository, CancellationToken cancellationToken) =>
            TypedResults.Ok(new DataEnvelope<IReadOnlyList<Tag>>(await repository.ListAsync(isActive, cancellationToken))))
            .ProducesProblem(StatusCodes.Status400BadRequest);
        tags.MapGet("/{id:guid}", GetAsync).WithName("GetTag").ProducesProblem(StatusCodes.Status404NotFound);
        var staff = tags.MapGroup("").RequireAuthorization(Roles.EditorsPolicy)
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        staff.MapPost("/", CreateAsync).ProducesProblem(StatusCodes.Status409Conflict);
        staff.MapPut("/{id:guid}", UpdateAsync).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        staff.MapDelete("/{id:guid}", DeleteAsync).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        return app;
    }

    private static readonly StaffWrites Writes = new(CatalogErrors.TagNotFound, CatalogErrors.TagInUse);

    private static async Task<Results<Ok<DataEnvelope<Tag>>, ProblemHttpResult>> GetAsync(
        Guid id, TagRepository repository, CancellationToken cancellationToken) =>
        Writes.Found(await repository.FindAsync(id, cancellationToken));

    private static Task<Results<Created<DataEnvelope<Tag>>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        TagRequest request, IValidator<TagRequest> validator, TagRepository repository, CancellationToken cancellationToken) =>
        Writes.CreateAsync(request, validator, () => repository.CreateAsync(request, cancellationToken), tag => $"/api/v1/tags/{tag.Id}", cancellationToken);

    private static Task<Results<Ok<DataEnvelope<Tag>>, ValidationProblem, ProblemHttpResult>> UpdateAsync(
        Guid id, TagRequest request, IValidator<TagRequest> validator, TagRepository repository, CancellationToken cancellationToken) =>
        Writes.UpdateAsync(request, validator, () => repository.UpdateAsync(id, request, cancellationToken), cancellationToken);

    private static Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(Guid id, TagRepository repository, CancellationToken cancellationToken) =>
        Writes.DeleteAsync(repository.DeleteAsync(id, cancellationToken));
}
