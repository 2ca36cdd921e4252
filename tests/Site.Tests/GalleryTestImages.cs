using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using NetVips;

namespace OrleansRides.Site.Tests;

/// <summary>Images made at test time with libvips, and hand-built hostile files (no binary fixtures in the repository).</summary>
public static class GalleryTestImages
{
    public static byte[] Jpeg(int width = 640, int height = 480) => Colour(width, height, 3, i => i.JpegsaveBuffer(q: 80));

    public static byte[] Png(int width = 400, int height = 300) => Colour(width, height, 4, i => i.PngsaveBuffer());

    public static byte[] Gif(int width = 200, int height = 100) => Colour(width, height, 3, i => i.GifsaveBuffer());

    public static byte[] Webp(int width = 500, int height = 500) => Colour(width, height, 3, i => i.WebpsaveBuffer(q: 70));

    /// <summary>A JPEG whose Exif holds <paramref name="description"/> (to show that thumbnails drop it).</summary>
    public static byte[] JpegWithExif(string description)
    {
        using var black = Image.Black(300, 200, bands: 3);
        using var sum = black + new double[] { 10, 200, 90 };
        using var image = sum.Cast(Enums.BandFormat.Uchar);
        using var copy = image.Mutate(m => m.Set(GValue.GStrType, "exif-ifd0-ImageDescription", description));
        return copy.JpegsaveBuffer(q: 80, keep: Enums.ForeignKeep.All);
    }

    public static byte[] Of(params byte[][] parts) => [.. parts.SelectMany(p => p)];

    public static byte[] Ascii(string text) => Encoding.ASCII.GetBytes(text);

    /// <summary>A minimal ZIP (an empty archive's end-of-central-directory record after one stored entry's local header).</summary>
    public static byte[] Zip() => Of([0x50, 0x4B, 0x03, 0x04, 0x14, 0, 0, 0, 0, 0], new byte[20], Ascii("Evil.class"), [0x50, 0x4B, 0x05, 0x06], new byte[18]);

    /// <summary>A PNG whose header declares <paramref name="width"/> × <paramref name="height"/> grey pixels with a few
    /// bytes of compressed data: a decompression bomb's header.</summary>
    public static byte[] PngDeclaring(int width, int height)
    {
        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = 8; // bit depth; colour type 0 (grey), compression, filter, interlace 0
        using var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            zlib.Write(new byte[4096]);
        }
        return Of([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A], Chunk("IHDR", header), Chunk("IDAT", compressed.ToArray()), Chunk("IEND", []));
    }

    /// <summary>A PNG chunk with its CRC.</summary>
    public static byte[] Chunk(string type, byte[] data)
    {
        var chunk = new byte[12 + data.Length];
        BinaryPrimitives.WriteInt32BigEndian(chunk, data.Length);
        Encoding.ASCII.GetBytes(type).CopyTo(chunk, 4);
        data.CopyTo(chunk, 8);
        BinaryPrimitives.WriteUInt32BigEndian(chunk.AsSpan(8 + data.Length), Crc32(chunk.AsSpan(4, 4 + data.Length)));
        return chunk;
    }

    /// <summary><paramref name="png"/> with a chunk inserted after IHDR (signature 8 + IHDR 25 bytes).</summary>
    public static byte[] PngWithChunk(byte[] png, string type, byte[] data) => Of(png[..33], Chunk(type, data), png[33..]);

    /// <summary><paramref name="jpeg"/> with a COM segment holding <paramref name="comment"/> right after SOI.</summary>
    public static byte[] JpegWithComment(byte[] jpeg, string comment)
    {
        var text = Ascii(comment);
        var length = new byte[2];
        BinaryPrimitives.WriteUInt16BigEndian(length, (ushort)(text.Length + 2));
        return Of(jpeg[..2], [0xFF, 0xFE], length, text, jpeg[2..]);
    }

    /// <summary><paramref name="gif"/> with a comment extension holding <paramref name="comment"/> (≤ 255 bytes) before its
    /// first block after the colour table.</summary>
    public static byte[] GifWithComment(byte[] gif, string comment)
    {
        var flags = gif[10];
        var offset = 13 + ((flags & 0x80) == 0 ? 0 : 3 << ((flags & 7) + 1));
        var text = Ascii(comment);
        return Of(gif[..offset], [0x21, 0xFE, (byte)text.Length], text, [0], gif[offset..]);
    }

    private static byte[] Colour(int width, int height, int bands, Func<Image, byte[]> save)
    {
        using var black = Image.Black(width, height, bands: bands);
        using var gradient = Image.Xyz(width, height)[0];
        using var scaled = gradient / Math.Max(1.0, width / 100.0);
        using var flat = black + Enumerable.Repeat(120.0, bands).ToArray();
        using var coloured = flat + scaled;
        using var image = coloured.Cast(Enums.BandFormat.Uchar);
        return save(image);
    }

    private static uint Crc32(ReadOnlySpan<byte> bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? 0xEDB88320u ^ (crc >> 1) : crc >> 1;
            }
        }
        return ~crc;
    }
}
