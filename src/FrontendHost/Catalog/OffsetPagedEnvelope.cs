using OrleansRides.Catalog;

namespace OrleansRides.FrontendHost.Catalog;

/// <summary>A page of a catalog list: <c>{ data: [...], pagination: { limit, offset, total } }</c>.</summary>
/// <param name="Data">The items.</param>
/// <param name="Pagination">Where this page is in the whole list.</param>
public sealed record OffsetPagedEnvelope<T>(IReadOnlyList<T> Data, OffsetPagination Pagination)
{
    /// <summary>The envelope of <paramref name="page"/>, asked for with <paramref name="request"/>.</summary>
    public static OffsetPagedEnvelope<T> Of(Page<T> page, PageRequest request) =>
        new(page.Items, new OffsetPagination(request.Limit, request.Offset, page.Total));
}

/// <summary>Offset paging figures.</summary>
/// <param name="Limit">The page size used.</param>
/// <param name="Offset">Items skipped before this page.</param>
/// <param name="Total">All matching items.</param>
public sealed record OffsetPagination(int Limit, int Offset, int Total);
