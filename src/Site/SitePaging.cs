namespace OrleansRides.Site;

/// <summary>Page-numbered paging of a site list (the station design's <c>?page=1&amp;limit=10</c>): <paramref name="Page"/>
/// ≥ 1, <paramref name="Limit"/> 1 to the list's maximum (validated by the caller's request validator).</summary>
/// <param name="Page">1-based page number.</param>
/// <param name="Limit">Items per page.</param>
public sealed record PageQuery(int Page, int Limit)
{
    /// <summary>The default page size of every site list.</summary>
    public const int DefaultLimit = 10;

    /// <summary>The largest page size of every site list (articles, gallery, testimonials, staff queues).</summary>
    public const int MaxLimit = 50;

    /// <summary>Rows to skip: <c>(Page - 1) × Limit</c>, in 64 bits so that a huge page number cannot overflow.</summary>
    public long Offset => (Page - 1L) * Limit;
}

/// <summary>The <c>pagination</c> object of a paged answer.</summary>
/// <param name="Page">The page returned, 1-based.</param>
/// <param name="Limit">The page size asked for.</param>
/// <param name="Total">Matching items across all pages.</param>
/// <param name="TotalPages"><c>ceil(Total / Limit)</c>; 0 when nothing matches.</param>
/// <param name="HasNext">Whether a later page has items.</param>
/// <param name="HasPrev">Whether this is not the first page.</param>
public sealed record NumberedPagination(int Page, int Limit, long Total, long TotalPages, bool HasNext, bool HasPrev)
{
    /// <summary>The pagination of page <paramref name="query"/> of <paramref name="total"/> items.</summary>
    public static NumberedPagination Of(PageQuery query, long total)
    {
        var totalPages = (total + query.Limit - 1) / query.Limit;
        return new NumberedPagination(query.Page, query.Limit, total, totalPages, query.Page < totalPages, query.Page > 1);
    }
}

/// <summary>One page of a site list and its pagination.</summary>
/// <param name="Items">The page's items in the list's order.</param>
/// <param name="Pagination">Where the page sits in the whole list.</param>
public sealed record PagedList<T>(IReadOnlyList<T> Items, NumberedPagination Pagination);
