using FluentValidation;
using OrleansRides.Catalog;

namespace OrleansRides.Site.Articles;

/// <summary><c>GET /api/v1/articles</c> query.</summary>
/// <param name="Page">1-based page, default 1.</param>
/// <param name="Limit">1 to <see cref="PageQuery.MaxLimit"/>, default <see cref="PageQuery.DefaultLimit"/>.</param>
/// <param name="Status">One of <see cref="ArticleStatuses.All"/>; absent: published for non-staff, every status for staff.
/// Other than published is for staff only (the endpoint answers 403 <c>STATUS_FOR_STAFF_ONLY</c>).</param>
/// <param name="Category">A category's slug.</param>
/// <param name="Search">Full-text search (web-search syntax: words, "phrases", or, -not), at most 100 characters.</param>
/// <param name="Author">An author's account id.</param>
/// <param name="SortBy"><c>created_at</c>, <c>updated_at</c>, <c>published_at</c> or <c>title</c>; absent: rank when
/// searching, else <c>published_at</c>.</param>
/// <param name="SortOrder"><c>asc</c> or <c>desc</c> (default).</param>
public sealed record ArticleListQuery(
    int? Page, int? Limit, string? Status, string? Category, string? Search, Guid? Author, string? SortBy, string? SortOrder)
{
    /// <summary>The sort keys accepted.</summary>
    public static readonly string[] SortKeys = ["created_at", "updated_at", "published_at", "title"];

    /// <summary>The page asked for.</summary>
    public PageQuery ToPage() => new(Page ?? 1, Limit ?? PageQuery.DefaultLimit);

    /// <summary>The filter of a validated query; <paramref name="isStaff"/> decides the default status.</summary>
    public ArticleFilter ToFilter(bool isStaff) => new(
        Status ?? (isStaff ? null : ArticleStatuses.Published),
        string.IsNullOrWhiteSpace(Category) ? null : Category.Trim(),
        string.IsNullOrWhiteSpace(Search) ? null : Search.Trim(),
        Author,
        SortBy,
        SortOrder != "asc");
}

/// <summary>What <see cref="ArticleRepository.ListAsync"/> matches and how it sorts.</summary>
/// <param name="Status">This status only, or any.</param>
/// <param name="CategorySlug">This category only.</param>
/// <param name="Search">Full-text query, or null.</param>
/// <param name="AuthorId">This author only.</param>
/// <param name="SortBy">One of <see cref="ArticleListQuery.SortKeys"/>, or null for the default.</param>
/// <param name="Descending">Sort order.</param>
public sealed record ArticleFilter(string? Status, string? CategorySlug, string? Search, Guid? AuthorId, string? SortBy, bool Descending);

/// <summary>Rules of <see cref="ArticleListQuery"/>.</summary>
public sealed class ArticleListQueryValidator : AbstractValidator<ArticleListQuery>
{
    /// <summary>Builds the rules.</summary>
    public ArticleListQueryValidator()
    {
        RuleFor(q => q.Page).GreaterThanOrEqualTo(1);
        RuleFor(q => q.Limit).InclusiveBetween(1, PageQuery.MaxLimit);
        RuleFor(q => q.Status).Must(s => s is null || ArticleStatuses.All.Contains(s))
            .WithMessage($"One of {string.Join(", ", ArticleStatuses.All)}.");
        RuleFor(q => q.Category).SingleLineText(100);
        RuleFor(q => q.Search).SingleLineText(100);
        RuleFor(q => q.SortBy).Must(s => s is null || ArticleListQuery.SortKeys.Contains(s))
            .WithMessage($"One of {string.Join(", ", ArticleListQuery.SortKeys)}.");
        RuleFor(q => q.SortOrder).Must(s => s is null or "asc" or "desc").WithMessage("asc or desc.");
    }
}
