using Microsoft.AspNetCore.Http.HttpResults;
using OrleansRides.Catalog;
using OrleansRides.FrontendHost.Infrastructure;

namespace OrleansRides.FrontendHost.Catalog;

/// <summary>The problems of a catalog write that did not happen (<see cref="WriteFailure"/>).</summary>
internal static class CatalogProblems
{
    /// <summary>404 with <paramref name="notFoundCode"/>, 409 <c>SLUG_TAKEN</c>, or 409 with <paramref name="inUseCode"/>.</summary>
    public static ProblemHttpResult Of(WriteFailure failure, string notFoundCode, string inUseCode) => failure switch
    {
        WriteFailure.NotFound => ApiProblems.Problem(404, notFoundCode, "No such item."),
        WriteFailure.SlugTaken => ApiProblems.Problem(409, CatalogErrors.SlugTaken, "Another item already has this slug."),
        WriteFailure.InUse => ApiProblems.Problem(409, inUseCode, "Other catalog entries still refer to it."),
        _ => throw new ArgumentOutOfRangeException(nameof(failure), failure, "Not a failure."),
    };
}
