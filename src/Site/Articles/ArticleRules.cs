using System.Text.RegularExpressions;
using OrleansRides.Catalog;

namespace OrleansRides.Site.Articles;

/// <summary>The article rules that are not a single field's: limits, generated excerpts, derived slugs, featured-image URLs.</summary>
public static partial class ArticleRules
{
    /// <summary>Shortest title (the station design's 5).</summary>
    public const int MinTitleLength = 5;
    /// <summary>Longest title (the station design's 500).</summary>
    public const int MaxTitleLength = 500;
    /// <summary>Shortest content, in characters of the HTML given (the station design's 10).</summary>
    public const int MinContentLength = 10;
    /// <summary>Longest content, in characters of the HTML given: 200,000, well inside the 1 MB request body limit; a long
    /// feature is some 50,000.</summary>
    public const int MaxContentLength = 200_000;
    /// <summary>Longest excerpt given by an author (the station design's 500).</summary>
    public const int MaxExcerptLength = 500;
    /// <summary>Longest generated excerpt, ellipsis included.</summary>
    public const int GeneratedExcerptLength = 300;
    /// <summary>Longest featured-image URL.</summary>
    public const int MaxFeaturedImageLength = 2048;

    /// <summary>The excerpt cut from <paramref name="contentText"/> (<see cref="Html.SiteHtml.TextOf"/> of the content): the
    /// whole text when it fits in <see cref="GeneratedExcerptLength"/>, else the text up to the last word boundary that
    /// leaves room for "…" (a hard cut when one word is longer), then "…".</summary>
    public static string GenerateExcerpt(string contentText)
    {
        if (contentText.Length <= GeneratedExcerptLength)
        {
            return contentText;
        }
        var room = GeneratedExcerptLength - 1;
        var cut = contentText.LastIndexOf(' ', room);
        var head = cut > 0 ? contentText[..cut] : contentText[..room];
        // Never split a surrogate pair at a hard cut.
        if (head.Length > 0 && char.IsHighSurrogate(head[^1]))
        {
            head = head[..^1];
        }
        return head.TrimEnd() + "…";
    }

    /// <summary>The base slug of an article titled <paramref name="title"/>: <see cref="Slugs.From"/> (Latin accents
    /// transliterated, other scripts dropped), or <c>article-</c> and the first 8 hex digits of the id's random part when
    /// nothing usable is left (a title in Arabic or Chinese script), so that a slug is never empty.</summary>
    public static string BaseSlug(string title, Guid id) => BaseSlug(title, id, "article");

    /// <summary>The base slug of an item named <paramref name="name"/>, with <paramref name="prefix"/> when nothing usable is
    /// left of the name (see <see cref="BaseSlug(string, Guid)"/>).</summary>
    public static string BaseSlug(string name, Guid id, string prefix) => Slugs.From(name) ?? $"{prefix}-{ShortId(id)}";

    // The last 8 hex digits: a UUID v7's first ones are its timestamp, the same for items made in one millisecond.
    private static string ShortId(Guid id) => id.ToString("N")[^8..];

    /// <summary>Whether <paramref name="url"/> is an absolute http(s) URL of at most <see cref="MaxFeaturedImageLength"/>
    /// characters, or a gallery item's image, <c>/api/v1/gallery/{uuid}/image</c>.</summary>
    public static bool IsFeaturedImage(string url) =>
        url.Length <= MaxFeaturedImageLength
        && (GalleryImage().IsMatch(url)
            || (Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && !string.IsNullOrEmpty(uri.Host)
                && !url.Any(char.IsWhiteSpace)));

    [GeneratedRegex("^/api/v1/gallery/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/image$", RegexOptions.CultureInvariant)]
    private static partial Regex GalleryImage();
}
