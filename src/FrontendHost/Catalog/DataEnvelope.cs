namespace OrleansRides.FrontendHost.Catalog;

/// <summary>The success envelope of every REST response: <c>{ "data": ... }</c>.</summary>
public sealed record DataEnvelope<T>(T Data);

/// <summary>A page of a list, newest first: <c>{ data: [...], pagination: { limit, nextBefore } }</c>.</summary>
/// <param name="Data">The items.</param>
/// <param name="Pagination">How to ask for the next (older) page.</param>
public sealed record PagedEnvelope<T>(IReadOnlyList<T> Data, Pagination Pagination);

/// <summary>Paging by a descending cursor.</summary>
/// <param name="Limit">The page size used.</param>
/// <param name="NextBefore">Pass as <c>before</c> for the next page; <c>null</c> on the last page.</param>
public sealed record Pagination(int Limit, long? NextBefore);
