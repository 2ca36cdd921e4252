using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;
using OrleansRides.Catalog;
using OrleansRides.Catalog.Regions;
using OrleansRides.FrontendHost.Auth;

namespace OrleansRides.FrontendHost.Catalog;

/// <summary><c>/api/v1/regions</c>: anyone reads; editors and admins (<see cref="Roles.EditorsPolicy"/>) create, replace and
/// delete (409 <c>REGION_IN_USE</c> while routes refer to the region).</summary>
public static class RegionsApi
{
    /// <summary>Registers the repository and the validator.</summary>
    public static IHostApplicationBuilder AddRegions(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<RegionRepository>();
        builder.Services.AddSingleton<IValidator<RegionRequest>, RegionValidator>();
        return builder;
    }

    /// <summary>Maps the endpoints.</summary>
    public static IEndpointRouteBuilder MapRegionsApi(this IEndpointRouteBuilder app)
    {
        var regions = app.MapGroup("/api/v1/regions").WithTags("Regions");
        regions.MapGet("/", async (RegionRepository repository, CancellationToken cancellationToken) =>
            TypedResults.Ok(new DataEnvelope<IReadOnlyList<Region>>(await repository.ListAsync(cancellationToken))));
        regions.MapGet("/{id:guid}", GetAsync).WithName("GetRegion").ProducesProblem(StatusCodes.Status404NotFound);
        var staff = regions.MapGroup("").RequireAuthorization(Roles.EditorsPolicy)
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        staff.MapPost("/", CreateAsync).ProducesProblem(StatusCodes.Status409Conflict);
        staff.MapPut("/{id:guid}", UpdateAsync).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        staff.MapDelete("/{id:guid}", DeleteAsync).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        return app;
    }

    private static readonly StaffWrites Writes = new(CatalogErrors.RegionNotFound, CatalogErrors.RegionInUse);

    private static async Task<Results<Ok<DataEnvelope<Region>>, ProblemHttpResult>> GetAsync(
        Guid id, RegionRepository repository, CancellationToken cancellationToken) =>
        Writes.Found(await repository.FindAsync(id, cancellationToken));

    private static Task<Results<Created<DataEnvelope<Region>>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        RegionRequest request, IValidator<RegionRequest> validator, RegionRepository repository, CancellationToken cancellationToken) =>
        Writes.CreateAsync(request, validator, () => repository.CreateAsync(request, cancellationToken), region => $"/api/v1/regions/{region.Id}", cancellationToken);

    private static Task<Results<Ok<DataEnvelope<Region>>, ValidationProblem, ProblemHttpResult>> UpdateAsync(
        Guid id, RegionRequest request, IValidator<RegionRequest> validator, RegionRepository repository, CancellationToken cancellationToken) =>
        Writes.UpdateAsync(request, validator, () => repository.UpdateAsync(id, request, cancellationToken), cancellationToken);

    private static Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(Guid id, RegionRepository repository, CancellationToken cancellationToken) =>
        Writes.DeleteAsync(repository.DeleteAsync(id, cancellationToken));
}
