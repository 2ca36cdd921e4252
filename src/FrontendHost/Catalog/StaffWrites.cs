using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;
using OrleansRides.Catalog;
using OrleansRides.FrontendHost.Infrastructure;

namespace OrleansRides.FrontendHost.Catalog;

/// <summary>The handlers' bodies that regions and tags share: validate, write, answer the row or the problem of
/// <see cref="CatalogProblems.Of"/>.</summary>
/// <param name="NotFoundCode">Code of the 404.</param>
/// <param name="InUseCode">Code of the 409 when other rows reference the item.</param>
internal sealed record StaffWrites(string NotFoundCode, string InUseCode)
{
    /// <summary>201 with the created item at <paramref name="location"/>, 400 or 409.</summary>
    public async Task<Results<Created<DataEnvelope<TItem>>, ValidationProblem, ProblemHttpResult>> CreateAsync<TRequest, TItem>(
        TRequest request, IValidator<TRequest> validator, Func<Task<WriteResult<TItem>>> create, Func<TItem, string> location,
        CancellationToken cancellationToken)
        where TItem : class
    {
        var validation = await validator.ValidateAsync(request, cancellationToken);
        if (!validation.IsValid)
        {
            return ApiProblems.Validation(validation);
        }
        var result = await create();
        return result.Value is { } item
            ? TypedResults.Created(location(item), new DataEnvelope<TItem>(item))
            : CatalogProblems.Of(result.Failure, NotFoundCode, InUseCode);
    }

    /// <summary>200 with the replaced item, 400, 404 or 409.</summary>
    public async Task<Results<Ok<DataEnvelope<TItem>>, ValidationProblem, ProblemHttpResult>> UpdateAsync<TRequest, TItem>(
        TRequest request, IValidator<TRequest> validator, Func<Task<WriteResult<TItem>>> update, CancellationToken cancellationToken)
        where TItem : class
    {
        var validation = await validator.ValidateAsync(request, cancellationToken);
        if (!validation.IsValid)
        {
            return ApiProblems.Validation(validation);
        }
        var result = await update();
        return result.Value is { } item ? TypedResults.Ok(new DataEnvelope<TItem>(item)) : CatalogProblems.Of(result.Failure, NotFoundCode, InUseCode);
    }

    /// <summary>204, 404 or 409.</summary>
    public async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(Task<WriteFailure> delete) =>
        await delete is var failure && failure == WriteFailure.None ? TypedResults.NoContent() : CatalogProblems.Of(failure, NotFoundCode, InUseCode);

    /// <summary>200 with the item, or 404.</summary>
    public Results<Ok<DataEnvelope<TItem>>, ProblemHttpResult> Found<TItem>(TItem? item)
        where TItem : class =>
        item is null ? CatalogProblems.Of(WriteFailure.NotFound, NotFoundCode, InUseCode) : TypedResults.Ok(new DataEnvelope<TItem>(item));
}
