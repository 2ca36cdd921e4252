namespace OrleansRides.Catalog.Tags;

/// <summary><c>POST /api/v1/tags</c> and <c>PUT /api/v1/tags/{id}</c> body (PUT replaces name and slug).</summary>
/// <param name="Name">1–50 characters, one line.</param>
/// <param name="Slug">Optional <c>^[a-z0-9-]+$</c>, at most 60; derived from the name when absent.</param>
/// <param name="IsActive">Whether new routes may use it; absent: true on create, unchanged on update. Inactive tags stay
/// on the routes that have them.</param>
public sealed record TagRequest(string? Name, string? Slug, bool? IsActive);

/// <summary>A tag: <c>{ id, name, slug, isActive }</c>.</summary>
/// <param name="Id">Tag id.</param>
/// <param name="Name">Display name.</param>
/// <param name="Slug">URL slug, unique among tags.</param>
/// <param name="IsActive">Whether routes may be given it.</param>
public sealed record Tag(Guid Id, string Name, string Slug, bool IsActive);
