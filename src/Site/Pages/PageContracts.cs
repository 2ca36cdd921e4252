// The rich-text field's length is also an attribute so that the OpenAPI document states it (maxLength).
using System.ComponentModel.DataAnnotations;
using OrleansRides.GrainInterfaces.Errors;

namespace OrleansRides.Site.Pages;

/// <summary><c>POST /api/v1/pages</c> and <c>PUT /api/v1/pages/{slug}</c> body; PUT is partial (absent fields stay).</summary>
/// <param name="Slug">Optional <c>^[a-z0-9-]+$</c>, at most 60; derived from the title when absent on create.</param>
/// <param name="Title">1–200 characters, one line.</param>
/// <param name="Content">HTML, at most <see cref="PageValidator.MaxContentLength"/> characters; stored sanitised
/// (<c>SiteHtml.Sanitize</c>).</param>
public sealed record PageEditRequest(string? Slug, string? Title, [property: StringLength(PageValidator.MaxContentLength)] string? Content);

/// <summary>A static page (about, contact, …): <c>{ id, slug, title, content, updatedAt }</c>.</summary>
/// <param name="Id">Page id.</param>
/// <param name="Slug">URL slug, unique among pages.</param>
/// <param name="Title">Title.</param>
/// <param name="Content">Sanitised HTML.</param>
/// <param name="UpdatedAt">Last change, UTC.</param>
public sealed record Page(Guid Id, string Slug, string Title, string Content, DateTimeOffset UpdatedAt);

/// <summary>A page in <c>GET /api/v1/pages</c>: <c>{ slug, title, updatedAt }</c>.</summary>
/// <param name="Slug">URL slug.</param>
/// <param name="Title">Title.</param>
/// <param name="UpdatedAt">Last change, UTC.</param>
public sealed record PageSummary(string Slug, string Title, DateTimeOffset UpdatedAt);

/// <summary>Error codes of the pages module.</summary>
public static class PagesErrors
{
    /// <inheritdoc cref="ErrorCodes.PageNotFound"/>
    public const string PageNotFound = ErrorCodes.PageNotFound;
    /// <inheritdoc cref="ErrorCodes.SlugTaken"/>
    public const string SlugTaken = ErrorCodes.SlugTaken;
}
