using Microsoft.AspNetCore.Http.HttpResults;
using OrleansRides.Catalog;
using OrleansRides.FrontendHost.Infrastructure;

namespace OrleansRides.FrontendHost.Catalog;

/// <summary>The problems of a catalog or site write that did not happen (<see cref="WriteFailure"/>).</summary>
internal static class CatalogProblems
{
    /// <summary>404 with <paramref name="notFoundCode"/>, 409 <c>SLUG_TAKEN</c>, or 409 with <paramref name="inUseCode"/> (for
    /// rows that can be referenced; without one an <see cref="WriteFailure.InUse"/> is a programming error).</summary>
    public static ProblemHttpResult Of(WriteFailure failure, string notFoundCode, string? inUseCode = null) => failure switch
    {
        WriteFailure.NotFound => NotFound(notFoundCode),
        WriteFailure.SlugTaken => ApiProblems.Problem(409, CatalogErrors.SlugTaken, "Another item already has this slug."),
        WriteFailure.InUse when inUseCode is not null => ApiProblems.Problem(409, inUseCode, "Other catalog entries still refer to it."),
        _ => throw new ArgumentOutOfRangeException(nameof(failure), failure, "Not a failure of this kind."),
    };

    /// <summary>A 404 with <paramref name="code"/>.</summary>
    public static ProblemHttpResult NotFound(string code) => ApiProblems.Problem(404, code, "No such item.");
}
