using AngleSharp.Dom;
using Ganss.Xss;

namespace OrleansRides.Site.Html;

/// <summary>The one HTML policy of the site's rich text (article content, page content): an allow-list of tags and
/// attributes applied by Ganss.Xss' <c>HtmlSanitizer</c>, which parses with AngleSharp exactly as a browser would (HTML5
/// tree construction), so that what is checked is what a browser will build. No script, style, event handler, form,
/// frame or embedded object survives; URLs keep only the http, https and mailto schemes (and relative URLs on this site);
/// links open with <c>rel="noopener noreferrer nofollow"</c>. Stored content is always the sanitised form.</summary>
public static class SiteHtml
{
    private static readonly HtmlSanitizer Sanitizer = CreateSanitizer();

    /// <summary>The sanitised form of <paramref name="html"/> (an HTML fragment); what is left of a hostile input may be
    /// empty.</summary>
    public static string Sanitize(string html) => Sanitizer.Sanitize(html);

    /// <summary>The text a browser would show for <paramref name="sanitisedHtml"/>, whitespace collapsed: what
    /// full-text search indexes and excerpts are cut from.</summary>
    public static string TextOf(string sanitisedHtml)
    {
        var document = new AngleSharp.Html.Parser.HtmlParser().ParseDocument($"<body>{sanitisedHtml}</body>");
        var text = document.Body?.TextContent ?? "";
        return string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
    }

    private static HtmlSanitizer CreateSanitizer()
    {
        var options = new HtmlSanitizerOptions
        {
            AllowedTags = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
            {
                "p", "br", "hr", "h2", "h3", "h4", "h5", "h6", "strong", "b", "em", "i", "u", "s", "sub", "sup", "mark", "small",
                "blockquote", "q", "cite", "pre", "code", "ul", "ol", "li", "dl", "dt", "dd", "a", "img", "figure", "figcaption",
                "table", "thead", "tbody", "tfoot", "tr", "th", "td", "caption", "span", "div",
            },
            AllowedAttributes = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
            {
                "href", "title", "src", "alt", "width", "height", "colspan", "rowspan", "start", "reversed", "lang", "dir",
            },
            AllowedSchemes = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "http", "https", "mailto" },
            UriAttributes = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "href", "src", "cite" },
            AllowedCssProperties = new HashSet<string>(),
            AllowedAtRules = new HashSet<AngleSharp.Css.Dom.CssRuleType>(),
        };
        var sanitizer = new HtmlSanitizer(options) { KeepChildNodes = true };
        sanitizer.PostProcessNode += (_, e) =>
        {
            if (e.Node is IElement { LocalName: "a" } link)
            {
                link.SetAttribute("rel", "noopener noreferrer nofollow");
            }
        };
        return sanitizer;
    }
}
