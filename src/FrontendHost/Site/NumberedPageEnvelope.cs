using OrleansRides.Site;

namespace OrleansRides.FrontendHost.Site;

/// <summary>A page-numbered site answer: <c>{ "data": [...], "pagination": { page, limit, total, totalPages, hasNext,
/// hasPrev } }</c> (the catalog's lists page by cursor or offset instead).</summary>
/// <param name="Data">The page's items.</param>
/// <param name="Pagination">Where the page sits in the list.</param>
public sealed record NumberedPageEnvelope<T>(IReadOnlyList<T> Data, NumberedPagination Pagination)
{
    /// <summary>The envelope of <paramref name="list"/>.</summary>
    public static NumberedPageEnvelope<T> Of(PagedList<T> list) => new(list.Items, list.Pagination);
}
