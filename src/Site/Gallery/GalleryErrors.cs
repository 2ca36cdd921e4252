namespace OrleansRides.Site.Gallery;

/// <summary>Stable error codes of the gallery endpoints (field errors are 400 <c>VALIDATION_FAILED</c>).</summary>
public static class GalleryErrors
{
    /// <summary>404: no gallery item has that id.</summary>
    public const string NotFound = "GALLERY_ITEM_NOT_FOUND";

    /// <summary>415: the file is not an accepted image (magic bytes, truncation, polyglot, pixel bomb, undecodable).</summary>
    public const string UnsupportedMediaType = "UNSUPPORTED_MEDIA_TYPE";

    /// <summary>415: the request body is not <c>multipart/form-data</c>.</summary>
    public const string MultipartRequired = "MULTIPART_REQUIRED";

    /// <summary>400: the multipart body is malformed (boundary, part headers).</summary>
    public const string MalformedMultipart = "MALFORMED_MULTIPART";

    /// <summary>413: the file is over <see cref="GalleryLimits.MaxFileBytes"/> or the body over
    /// <see cref="GalleryLimits.MaxBodyBytes"/>.</summary>
    public const string PayloadTooLarge = "PAYLOAD_TOO_LARGE";
}

/// <summary>Size limits of uploads (the station design: 5 MB per image).</summary>
public static class GalleryLimits
{
    /// <summary>Largest accepted file: 5 MiB.</summary>
    public const int MaxFileBytes = 5 * 1024 * 1024;

    /// <summary>Largest multipart body: the file plus 64 KiB for boundaries, headers, title and description.</summary>
    public const int MaxBodyBytes = MaxFileBytes + 64 * 1024;
}
