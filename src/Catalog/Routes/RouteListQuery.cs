using FluentValidation;

namespace OrleansRides.Catalog.Routes;

/// <summary><c>GET /api/v1/routes</c> query: <c>regionId</c>, <c>tagIds=a,b</c> (routes with any of them, at most 10),
/// <c>status</c> (default approved; others for staff only, checked by the endpoint), <c>q</c> (at most 100 characters, in
/// name, neighborhood or description, case-insensitive), <c>limit</c> 1–100 (default 20), <c>offset</c> ≥ 0 (default 0).</summary>
/// <param name="RegionId">Only routes in this region.</param>
/// <param name="TagIds">Comma-separated tag ids.</param>
/// <param name="Status">One of <see cref="RouteStatuses.All"/>.</param>
/// <param name="Q">Search text.</param>
/// <param name="Limit">Page size.</param>
/// <param name="Offset">Routes to skip.</param>
public sealed record RouteListQuery(Guid? RegionId, string? TagIds, string? Status, string? Q, int? Limit, int? Offset)
{
    /// <summary>Most tags one list may filter by.</summary>
    public const int MaxTags = 10;

    /// <summary>The status asked for, default approved.</summary>
    public string EffectiveStatus() => Status ?? RouteStatuses.Approved;

    /// <summary>The filter of a validated query.</summary>
    public RouteFilter ToFilter() => new(
        RegionId, TagIds is null ? [] : TagIds.Split(',').Select(Guid.Parse).Distinct().ToArray(), EffectiveStatus(),
        string.IsNullOrWhiteSpace(Q) ? null : Q.Trim());

    /// <summary>The page of a validated query.</summary>
    public PageRequest ToPage() => new(Limit ?? 20, Offset ?? 0);
}

/// <summary>What <see cref="RouteSearch.ListAsync"/> matches.</summary>
/// <param name="RegionId">Only this region, or any.</param>
/// <param name="TagIds">Any of these tags; empty: any route.</param>
/// <param name="Status">This status only.</param>
/// <param name="Text">Text to find (case-insensitive substring), or null.</param>
public sealed record RouteFilter(Guid? RegionId, IReadOnlyList<Guid> TagIds, string Status, string? Text);

/// <summary>Rules for <see cref="RouteListQuery"/>.</summary>
public sealed class RouteListQueryValidator : AbstractValidator<RouteListQuery>
{
    /// <summary>Builds the rules.</summary>
    public RouteListQueryValidator()
    {
        RuleFor(q => q.TagIds).SingleLineText(MaxTagIdsLength).Must(BeTagIds)
            .WithMessage($"Comma-separated tag ids (uuid), at most {RouteListQuery.MaxTags}.");
        RuleFor(q => q.Status).Must(s => s is null || RouteStatuses.All.Contains(s))
            .WithMessage($"One of {string.Join(", ", RouteStatuses.All)}.");
        RuleFor(q => q.Q).SingleLineText(100);
        RuleFor(q => q.Limit).InclusiveBetween(1, 100);
        RuleFor(q => q.Offset).GreaterThanOrEqualTo(0);
    }

    private const int MaxTagIdsLength = RouteListQuery.MaxTags * 37;

    private static bool BeTagIds(string? tagIds)
    {
        if (tagIds is null)
        {
            return true;
        }
        var parts = tagIds.Split(',');
        return parts.Length <= RouteListQuery.MaxTags && parts.All(p => Guid.TryParse(p, out _));
    }
}
