using OrleansRides.Site.Gallery;
using static OrleansRides.Site.Tests.GalleryTestImages;

namespace OrleansRides.Site.Tests;

/// <summary>Issue 10: uploads are decided by their magic bytes, decoded fully by libvips, thumbnailed within 320 × 320
/// without metadata, and the attack corpus (polyglots, truncation, bombs, non-images) is refused.</summary>
public sealed class GalleryInspectionTests
{
    public static TheoryData<string, byte[], ImageFormat?> Signatures => new()
    {
        { "JPEG", [0xFF, 0xD8, 0xFF, 0xE0], ImageFormat.Jpeg },
        { "PNG", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0], ImageFormat.Png },
        { "GIF87a", Ascii("GIF87a.."), ImageFormat.Gif },
        { "GIF89a", Ascii("GIF89a.."), ImageFormat.Gif },
        { "WebP", Ascii("RIFF\0\0\0\0WEBPVP8 "), ImageFormat.Webp },
        { "RIFF but WAVE", Ascii("RIFF\0\0\0\0WAVEfmt "), null },
        { "PNG signature cut short", [0x89, 0x50, 0x4E, 0x47], null },
        { "SVG", Ascii("<svg xmlns=\"http://www.w3.org/2000/svg\"/>"), null },
        { "BMP", Ascii("BM...."), null },
        { "empty", [], null },
    };

    [Theory]
    [MemberData(nameof(Signatures))]
    public void The_format_comes_from_the_magic_bytes_only(string name, byte[] bytes, ImageFormat? expected)
    {
        Assert.True(expected == ImageFormats.Detect(bytes), name);
    }

    public static TheoryData<string, byte[], ImageFormat, int, int> RealImages => new()
    {
        { "jpeg", Jpeg(640, 480), ImageFormat.Jpeg, 640, 480 },
        { "png with alpha", Png(400, 900), ImageFormat.Png, 400, 900 },
        { "gif", Gif(200, 100), ImageFormat.Gif, 200, 100 },
        { "webp", Webp(500, 500), ImageFormat.Webp, 500, 500 },
        { "tiny jpeg (never enlarged)", Jpeg(40, 30), ImageFormat.Jpeg, 40, 30 },
    };

    [Theory]
    [MemberData(nameof(RealImages))]
    public void Each_format_decodes_and_gets_a_jpeg_thumbnail_within_bounds(string name, byte[] bytes, ImageFormat format, int width, int height)
    {
        var image = ImageInspector.Inspect(bytes).Image;

        Assert.NotNull(image);
        Assert.Equal((format, width, height), (image.Format, image.Width, image.Height));
        using var thumbnail = NetVips.Image.NewFromBuffer(image.Thumbnail);
        Assert.Equal(ImageFormat.Jpeg, ImageFormats.Detect(image.Thumbnail));
        Assert.True(thumbnail.Width <= ImageInspector.ThumbnailBound && thumbnail.Height <= ImageInspector.ThumbnailBound, name);
        Assert.True(Math.Max(thumbnail.Width, thumbnail.Height) == Math.Min(ImageInspector.ThumbnailBound, Math.Max(width, height)), name);
        Assert.InRange((double)thumbnail.Width / thumbnail.Height, (double)width / height * 0.95, (double)width / height * 1.05);
    }

    [Fact]
    public void Thumbnails_carry_no_exif()
    {
        var original = JpegWithExif("secret-location-42");
        Assert.Contains("secret-location-42", System.Text.Encoding.Latin1.GetString(original));

        var image = ImageInspector.Inspect(original).Image;

        Assert.NotNull(image);
        Assert.DoesNotContain("secret-location-42", System.Text.Encoding.Latin1.GetString(image.Thumbnail));
        Assert.DoesNotContain("Exif", System.Text.Encoding.Latin1.GetString(image.Thumbnail));
    }

    public static TheoryData<string, byte[], ImageRejection> AttackCorpus()
    {
        var jpeg = Jpeg(64, 64);
        var png = Png(64, 64);
        var gif = Gif(64, 64);
        var webp = Webp(64, 64);
        return new()
        {
            { "PNG header on an HTML body", Of(png[..8], Ascii("<html><body><script>alert(document.domain)</script></body></html>")), ImageRejection.Truncated },
            { "PNG signature and IHDR then HTML", Of(png[..33], Ascii("<html><script>alert(1)</script></html>")), ImageRejection.Truncated },
            { "GIF with JavaScript appended", Of(gif, Ascii("\n*/=alert(document.domain);//")), ImageRejection.Polyglot },
            { "GIFAR: GIF with a ZIP (JAR) appended", Of(gif, Zip()), ImageRejection.Polyglot },
            { "GIF with a script in a comment extension", GifWithComment(gif, "<script>alert(1)</script>"), ImageRejection.Polyglot },
            { "JPEG with HTML appended", Of(jpeg, Ascii("<html><script>alert(1)</script></html>")), ImageRejection.Polyglot },
            { "JPEG with a ZIP appended", Of(jpeg, Zip()), ImageRejection.Polyglot },
            { "JPEG with PHP in a comment", JpegWithComment(jpeg, "<?php system($_GET['c']); ?>"), ImageRejection.Polyglot },
            { "PNG with an HTML text chunk", PngWithChunk(png, "tEXt", Ascii("Comment\0<iframe src=javascript:alert(1)>")), ImageRejection.Polyglot },
            { "PNG with data after IEND", Of(png, Ascii("<svg onload=alert(1)>")), ImageRejection.Polyglot },
            { "WebP with data after the RIFF", Of(webp, Ascii("PK\u0003\u0004 a zip or anything")), ImageRejection.Polyglot },
            { "SVG", Ascii("<?xml version=\"1.0\"?><svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"/>"), ImageRejection.NotAnAcceptedFormat },
            { "HTML named .jpg", Ascii("<!DOCTYPE html><html><script>alert(1)</script></html>"), ImageRejection.NotAnAcceptedFormat },
            { "empty file", [], ImageRejection.NotAnAcceptedFormat },
            { "truncated PNG", png[..(png.Length / 2)], ImageRejection.Truncated },
            { "truncated JPEG", jpeg[..(jpeg.Length - 40)], ImageRejection.Truncated },
            { "truncated GIF", gif[..(gif.Length - 10)], ImageRejection.Truncated },
            { "truncated WebP", webp[..(webp.Length - 10)], ImageRejection.Truncated },
            { "decompression bomb: PNG declaring 30000 × 30000", PngDeclaring(30000, 30000), ImageRejection.TooManyPixels },
            { "PNG with a complete structure but corrupt pixel data", PngWithCorruptData(png), ImageRejection.Undecodable },
        };
    }

    [Theory]
    [MemberData(nameof(AttackCorpus))]
    public void The_attack_corpus_is_refused(string name, byte[] bytes, ImageRejection expected)
    {
        var inspection = ImageInspector.Inspect(bytes);

        Assert.Null(inspection.Image);
        Assert.True(expected == inspection.Rejection, $"{name}: {inspection.Rejection}");
    }

    [Fact]
    public void A_few_padding_bytes_after_the_end_marker_are_tolerated()
    {
        Assert.NotNull(ImageInspector.Inspect(Of(Jpeg(64, 64), new byte[8])).Image);
        Assert.Equal(ImageRejection.Polyglot, ImageInspector.Inspect(Of(Jpeg(64, 64), new byte[ImageInspector.MaxTrailingPadding + 1])).Rejection);
    }

    [Fact]
    public void A_picture_inside_the_pixel_limit_is_accepted_and_one_just_over_it_is_not()
    {
        Assert.Equal(ImageRejection.TooManyPixels, ImageInspector.Inspect(PngDeclaring(8000, 5001)).Rejection);
        Assert.NotEqual(ImageRejection.TooManyPixels, ImageInspector.Inspect(PngDeclaring(8000, 5000)).Rejection);
    }

    private static byte[] PngWithCorruptData(byte[] png)
    {
        var header = png[16..29];
        return Of(png[..8], Chunk("IHDR", header), Chunk("IDAT", Ascii("this is not a zlib stream at all, just text")), Chunk("IEND", []));
    }
}
