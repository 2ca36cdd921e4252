using System.Text;
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
    // One instance for every thread: HtmlSanitizer's README states that Sanitize is thread-safe on a shared instance as long
    // as no property changes meanwhile (mganss/HtmlSanitizer#227); this one is configured once, in the static initializer,
    // and never touched after. SanitizerCorpusTests runs the corpus on many threads against it.
    private static readonly HtmlSanitizer Sanitizer = CreateSanitizer();

    /// <summary>The sanitised form of <paramref name="html"/> (an HTML fragment); what is left of a hostile input may be
    /// empty.</summary>
    public static string Sanitize(string html) => Sanitizer.Sanitize(html);

    /// <summary>The text a browser would show for <paramref name="sanitisedHtml"/>, whitespace collapsed: what
    /// full-text search indexes and excerpts are cut from.</summary>
    public static string TextOf(string sanitisedHtml)
    {
        var document = new AngleSharp.Html.Parser.HtmlParser().ParseDocument($"<body>{sanitisedHtml}</body>");
        var text = new StringBuilder();
        if (document.Body is { } body)
        {
            AppendText(body, text);
        }
        return string.Join(' ', text.ToString().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
    }

    // TextContent runs "<p>a</p><p>b</p>" together as "ab", which search and excerpts would read as one word: a block
    // element (or a line break or image) separates words, as a browser's rendering does; inline ones do not.
    private static void AppendText(INode node, StringBuilder text)
    {
        foreach (var child in node.ChildNodes)
        {
            if (child is IText textNode)
            {
                text.Append(textNode.Data);
            }
            else if (child is IElement element)
            {
                var separates = !InlineTags.Contains(element.LocalName);
                if (separates)
                {
                    text.Append(' ');
                }
                AppendText(element, text);
                if (separates)
                {
                    text.Append(' ');
                }
            }
        }
    }

    private static readonly HashSet<string> InlineTags = new(StringComparer.OrdinalIgnoreCase)
    {
        "strong", "b", "em", "i", "u", "s", "sub", "sup", "mark", "small", "q", "cite", "code", "a", "span",
    };

    // Elements whose content is code, or text that is not meant to be read, when they are removed: their children go
    // with them instead of staying as text (KeepChildNodes would otherwise turn "<script>alert(1)</script>" into the
    // visible, searchable text "alert(1)"). SVG and MathML go whole: their foreign content is where mXSS hides.
    private static readonly HashSet<string> DroppedWithContent = new(StringComparer.OrdinalIgnoreCase)
    {
        "script", "style", "template", "noscript", "noembed", "noframes", "xmp", "plaintext", "iframe", "frame", "frameset",
        "object", "embed", "applet", "textarea", "title", "select", "svg", "math", "head", "audio", "video", "canvas", "button",
    };

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
                "href", "cite", "title", "src", "alt", "width", "height", "colspan", "rowspan", "start", "reversed", "lang", "dir",
            },
            AllowedSchemes = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "http", "https", "mailto" },
            UriAttributes = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "href", "src", "cite" },
            AllowedCssProperties = new HashSet<string>(),
            AllowedAtRules = new HashSet<AngleSharp.Css.Dom.CssRuleType>(),
        };
        var sanitizer = new HtmlSanitizer(options) { KeepChildNodes = true };
        sanitizer.RemovingTag += (_, e) =>
        {
            if (DroppedWithContent.Contains(e.Tag.LocalName))
            {
                while (e.Tag.FirstChild is { } child)
                {
                    e.Tag.RemoveChild(child);
                }
            }
        };
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
