using OrleansRides.GrainInterfaces.Errors;

namespace OrleansRides.Site.Categories;

/// <summary>An article category: <c>{ id, name, slug, description, articleCount }</c>.</summary>
/// <param name="Id">Category id (UUID v7).</param>
/// <param name="Name">Display name, 1–100 characters.</param>
/// <param name="Slug">URL slug, unique among categories (<c>GET /api/v1/articles?category={slug}</c>).</param>
/// <param name="Description">At most 500 characters, or null.</param>
/// <param name="ArticleCount">Published articles in it.</param>
public sealed record Category(Guid Id, string Name, string Slug, string? Description, long ArticleCount);

/// <summary><c>POST /api/v1/categories</c> body, and <c>PUT /api/v1/categories/{id}</c> (any subset: an absent or null
/// field keeps its value).</summary>
/// <param name="Name">1–100 characters, one line. Required on create.</param>
/// <param name="Slug"><c>^[a-z0-9-]+$</c>, at most 60; absent on create: derived from the name (<c>category-…</c> when
/// nothing usable is left). Taken: 409 <c>SLUG_TAKEN</c>.</param>
/// <param name="Description">At most 500 characters, lines allowed.</param>
public sealed record CategoryRequest(string? Name, string? Slug, string? Description);

/// <summary>Stable error codes of the category endpoints.</summary>
public static class CategoryErrors
{
    /// <inheritdoc cref="ErrorCodes.CategoryNotFound"/>
    public const string CategoryNotFound = ErrorCodes.CategoryNotFound;
    /// <inheritdoc cref="ErrorCodes.CategoryInUse"/>
    public const string CategoryInUse = ErrorCodes.CategoryInUse;
}
