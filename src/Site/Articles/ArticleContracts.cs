// The rich-text field's length is also an attribute so that the OpenAPI document states it (maxLength).
using System.ComponentModel.DataAnnotations;

namespace OrleansRides.Site.Articles;

/// <summary>An article's statuses. Drafts and published articles are set by their authors; archived only by an admin's
/// <c>DELETE</c> (the station design keeps archived articles for the record instead of deleting rows).</summary>
public static class ArticleStatuses
{
    /// <summary>Not public yet.</summary>
    public const string Draft = "draft";
    /// <summary>Public.</summary>
    public const string Published = "published";
    /// <summary>Withdrawn by an admin; staff still see it.</summary>
    public const string Archived = "archived";

    /// <summary>Every status, as a list filter accepts them.</summary>
    public static readonly string[] All = [Draft, Published, Archived];

    /// <summary>The statuses a create or update may set.</summary>
    public static readonly string[] Writable = [Draft, Published];
}

/// <summary>An article's author: <c>{ id, name }</c> (the account's display name).</summary>
/// <param name="Id">The account id.</param>
/// <param name="Name">The account's display name.</param>
public sealed record ArticleAuthor(Guid Id, string Name);

/// <summary>An article's category: <c>{ id, name, slug }</c>.</summary>
/// <param name="Id">Category id.</param>
/// <param name="Name">Display name.</param>
/// <param name="Slug">URL slug.</param>
public sealed record ArticleCategory(Guid Id, string Name, string Slug);

/// <summary>An article in a list (no content).</summary>
/// <param name="Id">Article id (UUID v7).</param>
/// <param name="Slug">URL slug, unique among articles, <c>^[a-z0-9-]+$</c>.</param>
/// <param name="Title">5–500 characters, one line.</param>
/// <param name="Excerpt">Plain text, at most 500 characters: given by the author or cut from the content (≤ 300 characters
/// at a word boundary, with an ellipsis).</param>
/// <param name="Status">One of <see cref="ArticleStatuses.All"/>.</param>
/// <param name="FeaturedImage">An http(s) URL or <c>/api/v1/gallery/{id}/image</c>, or null.</param>
/// <param name="PublishedAt">UTC instant of the first publish, kept after; null while never published.</param>
/// <param name="CreatedAt">UTC instant of creation.</param>
/// <param name="UpdatedAt">UTC instant of the last change.</param>
/// <param name="Author">Who wrote it.</param>
/// <param name="Category">Its category, or null.</param>
public sealed record ArticleSummary(
    Guid Id, string Slug, string Title, string Excerpt, string Status, string? FeaturedImage, DateTimeOffset? PublishedAt,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, ArticleAuthor Author, ArticleCategory? Category);

/// <summary>A whole article: the <see cref="ArticleSummary"/> fields and its content.</summary>
/// <param name="Id">Article id.</param>
/// <param name="Slug">URL slug.</param>
/// <param name="Title">Title.</param>
/// <param name="Excerpt">Plain-text excerpt.</param>
/// <param name="Status">One of <see cref="ArticleStatuses.All"/>.</param>
/// <param name="FeaturedImage">An http(s) URL or a gallery image URL, or null.</param>
/// <param name="PublishedAt">UTC instant of the first publish, or null.</param>
/// <param name="CreatedAt">UTC instant of creation.</param>
/// <param name="UpdatedAt">UTC instant of the last change.</param>
/// <param name="Author">Who wrote it.</param>
/// <param name="Category">Its category, or null.</param>
/// <param name="Content">Sanitised HTML (<see cref="Html.SiteHtml"/>); never the author's raw input.</param>
public sealed record Article(
    Guid Id, string Slug, string Title, string Excerpt, string Status, string? FeaturedImage, DateTimeOffset? PublishedAt,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, ArticleAuthor Author, ArticleCategory? Category, string Content)
{
    /// <summary>The summary fields alone.</summary>
    public ArticleSummary ToSummary() => new(Id, Slug, Title, Excerpt, Status, FeaturedImage, PublishedAt, CreatedAt, UpdatedAt, Author, Category);
}

/// <summary><c>POST /api/v1/articles</c> body, and <c>PUT /api/v1/articles/{slug}</c> (any subset: an absent or null field
/// keeps its stored value).</summary>
/// <param name="Title">5–500 characters, one line. Required on create.</param>
/// <param name="Content">HTML, at least 10 characters, at most <see cref="ArticleRules.MaxContentLength"/>; sanitised before
/// storage, and something must be left after sanitising. Required on create.</param>
/// <param name="Excerpt">Plain text, at most 500 characters, lines allowed; absent: generated from the content.</param>
/// <param name="Slug"><c>^[a-z0-9-]+$</c>, at most 60; absent on create: derived from the title (made unique with -2, -3…).
/// A given slug that another article has: 409 <c>SLUG_TAKEN</c>. Changing the title never changes the slug.</param>
/// <param name="Status"><c>draft</c> (default on create) or <c>published</c>.</param>
/// <param name="CategoryId">An existing category's id; unknown: 400 naming <c>categoryId</c>.</param>
/// <param name="FeaturedImage">An http(s) URL of at most 2048 characters or <c>/api/v1/gallery/{uuid}/image</c>.</param>
public sealed record ArticleRequest(
    string? Title, [property: StringLength(ArticleRules.MaxContentLength)] string? Content, string? Excerpt, string? Slug, string? Status, Guid? CategoryId, string? FeaturedImage);

/// <summary><c>POST /api/v1/articles/preview</c> body: the editor's live preview.</summary>
/// <param name="Content">HTML as for <see cref="ArticleRequest.Content"/> (at most <see cref="ArticleRules.MaxContentLength"/>).</param>
public sealed record ArticlePreviewRequest([property: StringLength(ArticleRules.MaxContentLength)] string? Content);

/// <summary>The preview: <c>{ html }</c>, the sanitised form of the content, exactly what would be stored.</summary>
/// <param name="Html">Sanitised HTML.</param>
public sealed record ArticlePreview(string Html);
