using System.Buffers.Binary;

namespace OrleansRides.Site.Gallery;

/// <summary>Where an image's container ends, and which of its byte ranges are metadata rather than pixels: found by walking
/// the format's own structure (PNG chunks to <c>IEND</c>; GIF blocks to the <c>3B</c> trailer; JPEG segments and entropy-coded
/// data to <c>EOI</c>; the RIFF size of WebP). The polyglot rule (<see cref="ImageInspector"/>) refuses bytes after the end
/// and active content inside metadata.</summary>
public static class ImageContainers
{
    /// <summary>The walk's result.</summary>
    /// <param name="End">Offset just past the image's end marker.</param>
    /// <param name="Metadata">Byte ranges of comments, text chunks, application extensions, EXIF/XMP and other non-pixel
    /// segments, which browsers and other programs might read as text.</param>
    public sealed record Layout(long End, IReadOnlyList<Range> Metadata);

    /// <summary>The layout of <paramref name="bytes"/> as <paramref name="format"/>, or null when the structure is cut off or
    /// malformed (a truncated file).</summary>
    public static Layout? Walk(ImageFormat format, ReadOnlySpan<byte> bytes)
    {
        var metadata = new List<Range>();
        long? end = format switch
        {
            ImageFormat.Png => Png(bytes, metadata),
            ImageFormat.Gif => Gif(bytes, metadata),
            ImageFormat.Jpeg => Jpeg(bytes, metadata),
            _ => Webp(bytes, metadata),
        };
        return end is { } value ? new Layout(value, metadata) : null;
    }

    private static long? Png(ReadOnlySpan<byte> bytes, List<Range> metadata)
    {
        long position = 8;
        while (position + 12 <= bytes.Length)
        {
            var length = BinaryPrimitives.ReadUInt32BigEndian(bytes[(int)position..]);
            var type = bytes.Slice((int)position + 4, 4);
            var next = position + 12 + length;
            if (next > bytes.Length)
            {
                return null;
            }
            if (type.SequenceEqual("IEND"u8))
            {
                return next;
            }
            // Ancillary chunks (lower-case first letter: tEXt, zTXt, iTXt, eXIf and any private one) carry no pixels.
            if (char.IsAsciiLetterLower((char)type[0]))
            {
                metadata.Add(new Range((int)position + 8, (int)(position + 8 + length)));
            }
            position = next;
        }
        return null;
    }

    private static long? Gif(ReadOnlySpan<byte> bytes, List<Range> metadata)
    {
        if (bytes.Length < 13)
        {
            return null;
        }
        var position = 13 + ColorTableSize(bytes[10]);
        while (position < bytes.Length)
        {
            switch (bytes[position])
            {
                case 0x3B:
                    return position + 1;
                case 0x21 when position + 1 < bytes.Length:
                    var label = bytes[position + 1];
                    var start = position + 2;
                    position = SkipSubBlocks(bytes, start);
                    // Comment (FE) and application (FF) extensions hold free bytes; graphic control and plain text do not.
                    if (position > 0 && label is 0xFE or 0xFF)
                    {
                        metadata.Add(new Range(start, position));
                    }
                    break;
                case 0x2C when position + 10 <= bytes.Length:
                    position = SkipSubBlocks(bytes, position + 10 + ColorTableSize(bytes[position + 9]) + 1);
                    break;
                default:
                    return null;
            }
            if (position < 0)
            {
                return null;
            }
        }
        return null;
    }

    private static int ColorTableSize(byte flags) => (flags & 0x80) == 0 ? 0 : 3 << ((flags & 7) + 1);

    /// <summary>The offset after the block terminator of the sub-blocks starting at <paramref name="position"/>, or −1.</summary>
    private static int SkipSubBlocks(ReadOnlySpan<byte> bytes, int position)
    {
        while (position < bytes.Length)
        {
            var size = bytes[position];
            position += 1 + size;
            if (size == 0)
            {
                return position;
            }
        }
        return -1;
    }

    private static long? Jpeg(ReadOnlySpan<byte> bytes, List<Range> metadata)
    {
        var position = 2;
        while (position + 1 < bytes.Length)
        {
            if (bytes[position] != 0xFF)
            {
                return null;
            }
            while (position < bytes.Length && bytes[position] == 0xFF)
            {
                position++; // fill bytes before a marker
            }
            if (position >= bytes.Length)
            {
                return null;
            }
            var marker = bytes[position++];
            if (marker == 0xD9)
            {
                return position;
            }
            if (marker is >= 0xD0 and <= 0xD7 or 0x01)
            {
                continue; // standalone markers have no length
            }
            if (position + 2 > bytes.Length)
            {
                return null;
            }
            var length = BinaryPrimitives.ReadUInt16BigEndian(bytes[position..]);
            if (length < 2 || position + length > bytes.Length)
            {
                return null;
            }
            if (marker is >= 0xE0 and <= 0xEF or 0xFE)
            {
                metadata.Add(new Range(position + 2, position + length)); // APPn (Exif, XMP, ICC…) and COM
            }
            position += length;
            if (marker == 0xDA)
            {
                position = AfterEntropyCodedData(bytes, position);
                if (position < 0)
                {
                    return null;
                }
            }
        }
        return null;
    }

    /// <summary>The offset of the first marker after a scan's entropy-coded data (where <c>FF</c> is followed by <c>00</c>
    /// stuffing or a restart marker), or −1.</summary>
    private static int AfterEntropyCodedData(ReadOnlySpan<byte> bytes, int position)
    {
        while (true)
        {
            var found = bytes[position..].IndexOf((byte)0xFF);
            if (found < 0 || position + found + 1 >= bytes.Length)
            {
                return -1;
            }
            position += found;
            var next = bytes[position + 1];
            if (next == 0x00 || next is >= 0xD0 and <= 0xD7)
            {
                position += 2;
                continue;
            }
            if (next == 0xFF)
            {
                position += 1;
                continue;
            }
            return position;
        }
    }

    private static long? Webp(ReadOnlySpan<byte> bytes, List<Range> metadata)
    {
        long end = 8L + BinaryPrimitives.ReadUInt32LittleEndian(bytes[4..]);
        if (end > bytes.Length || end < 12)
        {
            return null;
        }
        long position = 12;
        while (position + 8 <= end)
        {
            var fourCc = bytes.Slice((int)position, 4);
            var size = BinaryPrimitives.ReadUInt32LittleEndian(bytes[((int)position + 4)..]);
            var next = position + 8 + size + (size & 1);
            if (position + 8 + size > end)
            {
                return null;
            }
            if (!(fourCc.SequenceEqual("VP8 "u8) || fourCc.SequenceEqual("VP8L"u8) || fourCc.SequenceEqual("VP8X"u8)
                || fourCc.SequenceEqual("ALPH"u8) || fourCc.SequenceEqual("ANIM"u8) || fourCc.SequenceEqual("ANMF"u8)))
            {
                metadata.Add(new Range((int)position + 8, (int)(position + 8 + size))); // EXIF, XMP, ICCP, unknown chunks
            }
            position = next;
        }
        return end;
    }
}
