namespace OrleansRides.Site.Gallery;

/// <summary>A gallery item as the API answers it: <c>{ id, title, description, mediaType, width, height, byteSize, imageUrl,
/// thumbnailUrl, createdAt, updatedAt }</c>.</summary>
/// <param name="Id">Item id.</param>
/// <param name="Title">2–255 characters, one line.</param>
/// <param name="Description">At most 1000 characters, or null.</param>
/// <param name="MediaType"><c>image/jpeg</c>, <c>image/png</c>, <c>image/gif</c> or <c>image/webp</c>: decided by the
/// file's magic bytes.</param>
/// <param name="Width">Width in pixels.</param>
/// <param name="Height">Height in pixels (of the first frame of an animation).</param>
/// <param name="ByteSize">Size of the stored original in bytes.</param>
/// <param name="ImageUrl"><c>/api/v1/gallery/{id}/image</c>: the original.</param>
/// <param name="ThumbnailUrl"><c>/api/v1/gallery/{id}/thumbnail</c>: a JPEG within 320 × 320.</param>
/// <param name="CreatedAt">Upload time, UTC.</param>
/// <param name="UpdatedAt">Last change of title, description or file, UTC.</param>
public sealed record GalleryItem(
    Guid Id, string Title, string? Description, string MediaType, int Width, int Height, int ByteSize,
    string ImageUrl, string ThumbnailUrl, DateTime CreatedAt, DateTime UpdatedAt);

/// <summary><c>GET /api/v1/gallery</c>'s filter, validated by <see cref="GalleryListValidator"/>.</summary>
/// <param name="Page">1-based page, default 1.</param>
/// <param name="Limit">1–50, default 10.</param>
/// <param name="Type"><c>jpeg</c>, <c>png</c>, <c>gif</c> or <c>webp</c>, or null for all.</param>
/// <param name="From">Items uploaded at or after: an ISO 8601 date (midnight UTC) or instant (no offset: UTC).</param>
/// <param name="To">Items uploaded before: an instant, or a date meaning the end of that day UTC (so
/// <c>from=2026-12-01&amp;to=2026-12-01</c> is that whole day).</param>
public sealed record GalleryListRequest(int? Page, int? Limit, string? Type, string? From, string? To);

/// <summary>The multipart text fields of <c>POST</c> and <c>PUT /api/v1/gallery</c>.</summary>
/// <param name="Title">2–255 characters, one line; required on POST, optional on PUT.</param>
/// <param name="Description">At most 1000 characters, line breaks allowed; on PUT an empty value clears it and an absent
/// one keeps it.</param>
/// <param name="IsCreate">Whether this is a POST (title required).</param>
public sealed record GalleryFields(string? Title, string? Description, bool IsCreate);

/// <summary>A stored gallery row, with the generated names of its files under the uploads directory.</summary>
/// <param name="Item">The item as answered.</param>
/// <param name="FileName">The original's name, <c>&lt;uuid&gt;.&lt;ext&gt;</c>.</param>
/// <param name="ThumbnailName">The thumbnail's name, <c>&lt;uuid&gt;.thumb.jpg</c>.</param>
public sealed record GalleryRow(GalleryItem Item, string FileName, string ThumbnailName);
