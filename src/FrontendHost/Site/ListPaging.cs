using Microsoft.AspNetCore.Http.HttpResults;
using OrleansRides.FrontendHost.Infrastructure;
using OrleansRides.Site;

namespace OrleansRides.FrontendHost.Site;

/// <summary>The <c>?page&amp;limit</c> query of a page-numbered site list: page ≥ 1 (default 1), limit 1 to
/// <see cref="PageQuery.MaxLimit"/> (default <see cref="PageQuery.DefaultLimit"/>). A value that is not a number never gets
/// here (400 <c>BAD_REQUEST</c> from binding); one out of range is 400 <c>VALIDATION_FAILED</c> naming the field.</summary>
internal static class ListPaging
{
    /// <summary>The page asked for, or the validation problem when <paramref name="page"/> or <paramref name="limit"/> is
    /// out of range.</summary>
    public static ValidationProblem? Read(int? page, int? limit, out PageQuery query)
    {
        var errors = new Dictionary<string, string[]>();
        if (page is < 1)
        {
            errors["page"] = ["Must be 1 or more."];
        }
        if (limit is < 1 or > PageQuery.MaxLimit)
        {
            errors["limit"] = [$"Must be between 1 and {PageQuery.MaxLimit}."];
        }
        query = new PageQuery(page ?? 1, limit ?? PageQuery.DefaultLimit);
        return errors.Count == 0 ? null : ApiProblems.Validation(errors);
    }
}
