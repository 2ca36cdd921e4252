using OrleansRides.GrainInterfaces.Errors;

namespace OrleansRides.Site.Gallery;

/// <summary>Stable error codes of the gallery endpoints (field errors are 400 <c>VALIDATION_FAILED</c>).</summary>
public static class GalleryErrors
{
    /// <inheritdoc cref="ErrorCodes.GalleryItemNotFound"/>
    public const string NotFound = ErrorCodes.GalleryItemNotFound;

    /// <inheritdoc cref="ErrorCodes.UnsupportedMediaType"/>
    public const string UnsupportedMediaType = ErrorCodes.UnsupportedMediaType;

    /// <inheritdoc cref="ErrorCodes.MultipartRequired"/>
    public const string MultipartRequired = ErrorCodes.MultipartRequired;

    /// <inheritdoc cref="ErrorCodes.MalformedMultipart"/>
    public const string MalformedMultipart = ErrorCodes.MalformedMultipart;

    /// <inheritdoc cref="ErrorCodes.PayloadTooLarge"/>
    public const string PayloadTooLarge = ErrorCodes.PayloadTooLarge;
}

/// <summary>Size limits of uploads (the station design: 5 MB per image).</summary>
public static class GalleryLimits
{
    /// <summary>Largest accepted file: 5 MiB.</summary>
    public const int MaxFileBytes = 5 * 1024 * 1024;

    /// <summary>Largest multipart body: the file plus 64 KiB for boundaries, headers, title and description.</summary>
    public const int MaxBodyBytes = MaxFileBytes + 64 * 1024;
}
