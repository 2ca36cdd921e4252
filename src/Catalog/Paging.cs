namespace OrleansRides.Catalog;

/// <summary>Offset paging of a catalog list: <paramref name="Limit"/> 1–100 items from <paramref name="Offset"/> ≥ 0
/// (validated by the caller's request validator).</summary>
/// <param name="Limit">Page size.</param>
/// <param name="Offset">Items to skip.</param>
public sealed record PageRequest(int Limit, int Offset);

/// <summary>One page of a list and the total number of matching items.</summary>
/// <param name="Items">The page's items, in the list's order.</param>
/// <param name="Total">All matching items, across pages.</param>
public sealed record Page<T>(IReadOnlyList<T> Items, int Total);
