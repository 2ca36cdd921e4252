namespace OrleansRides.Site.Gallery;

/// <summary>The four image formats the gallery accepts.</summary>
public enum ImageFormat
{
    /// <summary>JPEG (JFIF/Exif), <c>image/jpeg</c>.</summary>
    Jpeg,
    /// <summary>PNG, <c>image/png</c>.</summary>
    Png,
    /// <summary>GIF87a or GIF89a, <c>image/gif</c>.</summary>
    Gif,
    /// <summary>WebP in a RIFF container, <c>image/webp</c>.</summary>
    Webp,
}

/// <summary>Decides an upload's format from its first bytes only (its magic number), never from the client's file name or
/// declared content type: JPEG <c>FF D8 FF</c>; PNG <c>89 50 4E 47 0D 0A 1A 0A</c>; GIF <c>GIF87a</c>/<c>GIF89a</c>; WebP
/// <c>RIFF</c> + 4 size bytes + <c>WEBP</c> (the signatures of the formats' specifications, as in the WHATWG MIME Sniffing
/// standard's image table). Anything else, SVG included, is not an accepted image.</summary>
public static class ImageFormats
{
    private static ReadOnlySpan<byte> Png => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>The format whose signature <paramref name="bytes"/> starts with, or null.</summary>
    public static ImageFormat? Detect(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length >= 3 && bytes[0] == 0xFF && bytes[1] == 0xD8 && bytes[2] == 0xFF)
        {
            return ImageFormat.Jpeg;
        }
        if (bytes.StartsWith(Png))
        {
            return ImageFormat.Png;
        }
        if (bytes.StartsWith("GIF87a"u8) || bytes.StartsWith("GIF89a"u8))
        {
            return ImageFormat.Gif;
        }
        if (bytes.Length >= 12 && bytes.StartsWith("RIFF"u8) && bytes[8..12].SequenceEqual("WEBP"u8))
        {
            return ImageFormat.Webp;
        }
        return null;
    }

    /// <summary>The media type stored and served for <paramref name="format"/> (<c>gallery_items.media_type</c>).</summary>
    public static string MediaType(this ImageFormat format) => format switch
    {
        ImageFormat.Jpeg => "image/jpeg",
        ImageFormat.Png => "image/png",
        ImageFormat.Gif => "image/gif",
        _ => "image/webp",
    };

    /// <summary>The file extension of stored originals, without the dot.</summary>
    public static string Extension(this ImageFormat format) => format switch
    {
        ImageFormat.Jpeg => "jpg",
        ImageFormat.Png => "png",
        ImageFormat.Gif => "gif",
        _ => "webp",
    };

    /// <summary>The format named by the list filter's <c>type</c> (<c>jpeg</c>, <c>png</c>, <c>gif</c>, <c>webp</c>), or null.</summary>
    public static ImageFormat? FromTypeName(string? type) => type switch
    {
        "jpeg" => ImageFormat.Jpeg,
        "png" => ImageFormat.Png,
        "gif" => ImageFormat.Gif,
        "webp" => ImageFormat.Webp,
        _ => null,
    };
}
