using NetVips;

namespace OrleansRides.Site.Gallery;

/// <summary>Why an upload is not an accepted image. Every reason answers 415 <c>UNSUPPORTED_MEDIA_TYPE</c>.</summary>
public enum ImageRejection
{
    /// <summary>The first bytes are none of JPEG, PNG, GIF or WebP (SVG, HTML, an empty file…).</summary>
    NotAnAcceptedFormat,
    /// <summary>The container is cut off or malformed before its end marker.</summary>
    Truncated,
    /// <summary>Bytes after the image's end marker, or active content (HTML, script, PHP) in its metadata.</summary>
    Polyglot,
    /// <summary>More than <see cref="ImageInspector.MaxPixels"/> pixels declared (a decompression bomb).</summary>
    TooManyPixels,
    /// <summary>The image library cannot decode every pixel.</summary>
    Undecodable,
}

/// <summary>An accepted image: its format (from the magic bytes, confirmed by decoding with that format's loader only), its
/// size in pixels (the first frame of an animation) and a JPEG thumbnail.</summary>
/// <param name="Format">The format.</param>
/// <param name="Width">Width in pixels.</param>
/// <param name="Height">Height in pixels (one frame).</param>
/// <param name="Thumbnail">A JPEG within <see cref="ImageInspector.ThumbnailBound"/> × <see cref="ImageInspector.ThumbnailBound"/>,
/// aspect kept, no metadata.</param>
public sealed record InspectedImage(ImageFormat Format, int Width, int Height, byte[] Thumbnail);

/// <summary>The result of <see cref="ImageInspector.Inspect"/>: an image, or why not.</summary>
/// <param name="Image">The accepted image, or null.</param>
/// <param name="Rejection">Why it was refused, when <paramref name="Image"/> is null.</param>
public sealed record Inspection(InspectedImage? Image, ImageRejection? Rejection);

/// <summary>Decides whether uploaded bytes are a safe image and makes its thumbnail, with libvips (NetVips). The rule
/// (decision 95): the magic bytes choose the format and only that format's loader runs (no content sniffing by the
/// library, untrusted loaders blocked); the container is walked to its end marker and anything after it beyond
/// <see cref="MaxTrailingPadding"/> NUL or white-space bytes is a polyglot (GIFAR, JPEG + HTML/ZIP/PHP); metadata segments may
/// not contain <see cref="ActiveContentMarkers"/>; headers declaring more than <see cref="MaxPixels"/> are refused before
/// any pixel is decoded; then every pixel is decoded with <c>fail_on=error</c>, streaming (<c>access=sequential</c>).</summary>
public static class ImageInspector
{
    /// <summary>Pixels (width × height × frames) above which an image is refused: 40 megapixels, far above any photo the
    /// station publishes and small enough that decoding stays within memory.</summary>
    public const long MaxPixels = 40_000_000;

    /// <summary>The bounding box of thumbnails, in pixels.</summary>
    public const int ThumbnailBound = 320;

    /// <summary>Trailing bytes tolerated after the end marker (some encoders pad), when all are NUL or white space.</summary>
    public const int MaxTrailingPadding = 16;

    /// <summary>Case-insensitive strings that make metadata active content for a browser or a server-side interpreter.</summary>
    public static readonly IReadOnlyList<string> ActiveContentMarkers =
        ["<script", "<html", "<body", "<iframe", "<svg", "<object", "<embed", "<?php", "<!doctype", "javascript:"];

    static ImageInspector()
    {
        // Loaders libvips marks untrusted (ImageMagick, MATLAB, …) never run, and nothing stays in the operation cache.
        NetVips.NetVips.BlockUntrusted = true;
        Cache.Max = 0;
    }

    /// <summary>Inspects <paramref name="bytes"/>, the whole upload.</summary>
    public static Inspection Inspect(byte[] bytes)
    {
        if (ImageFormats.Detect(bytes) is not { } format)
        {
            return new(null, ImageRejection.NotAnAcceptedFormat);
        }
        if (ImageContainers.Walk(format, bytes) is not { } layout)
        {
            return new(null, ImageRejection.Truncated);
        }
        if (!OnlyPaddingAfter(bytes, layout.End) || layout.Metadata.Any(range => HasActiveContent(bytes.AsSpan()[range])))
        {
            return new(null, ImageRejection.Polyglot);
        }
        try
        {
            using var header = Load(format, bytes, allFrames: false);
            var frames = header.GetTypeOf("n-pages") != 0 ? Math.Max(1, (int)header.Get("n-pages")) : 1;
            if ((long)header.Width * header.Height * frames > MaxPixels)
            {
                return new(null, ImageRejection.TooManyPixels);
            }
            using (var all = Load(format, bytes, allFrames: true))
            {
                all.Avg(); // decodes every pixel of every frame: a corrupt one throws here
            }
            return new(new InspectedImage(format, header.Width, header.Height, Thumbnail(format, bytes)), null);
        }
        catch (VipsException)
        {
            return new(null, ImageRejection.Undecodable);
        }
    }

    private static Image Load(ImageFormat format, byte[] bytes, bool allFrames) => format switch
    {
        ImageFormat.Jpeg => Image.JpegloadBuffer(bytes, access: Enums.Access.Sequential, failOn: Enums.FailOn.Error),
        ImageFormat.Png => Image.PngloadBuffer(bytes, access: Enums.Access.Sequential, failOn: Enums.FailOn.Error),
        ImageFormat.Gif => Image.GifloadBuffer(bytes, n: allFrames ? -1 : 1, access: Enums.Access.Sequential, failOn: Enums.FailOn.Error),
        _ => Image.WebploadBuffer(bytes, n: allFrames ? -1 : 1, access: Enums.Access.Sequential, failOn: Enums.FailOn.Error),
    };

    private static byte[] Thumbnail(ImageFormat format, byte[] bytes)
    {
        using var image = Load(format, bytes, allFrames: false);
        using var resized = image.ThumbnailImage(ThumbnailBound, height: ThumbnailBound, size: Enums.Size.Down);
        using var opaque = resized.HasAlpha() ? resized.Flatten(background: [255, 255, 255]) : resized.Copy();
        using var srgb = opaque.Interpretation is Enums.Interpretation.Srgb or Enums.Interpretation.Bw ? opaque.Copy() : opaque.Colourspace(Enums.Interpretation.Srgb);
        return srgb.JpegsaveBuffer(q: 82, keep: Enums.ForeignKeep.None);
    }

    private static bool OnlyPaddingAfter(ReadOnlySpan<byte> bytes, long end)
    {
        var trailing = bytes[(int)end..];
        return trailing.Length <= MaxTrailingPadding && trailing.IndexOfAnyExcept("\0 \t\r\n"u8) < 0;
    }

    private static bool HasActiveContent(ReadOnlySpan<byte> metadata)
    {
        var text = System.Text.Encoding.Latin1.GetString(metadata);
        return ActiveContentMarkers.Any(marker => text.Contains(marker, StringComparison.OrdinalIgnoreCase));
    }
}
