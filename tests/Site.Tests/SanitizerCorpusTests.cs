using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using OrleansRides.Site.Html;

namespace OrleansRides.Site.Tests;

/// <summary>Issue 10: the XSS corpus. Known vectors from public cheat sheets (OWASP's XSS Filter Evasion Cheat Sheet,
/// PortSwigger's Cross-site scripting cheat sheet, the mXSS papers) go through <see cref="SiteHtml.Sanitize"/>, and the
/// output is parsed again with AngleSharp, as a browser would build it, then checked: no element outside the allow-list,
/// no attribute starting with <c>on</c>, no style attribute, no URL whose scheme is not http, https, mailto or relative.
/// The output is also sanitised again to check it is stable (what is stored is what a second pass gives).</summary>
public sealed class SanitizerCorpusTests
{
    private static readonly HashSet<string> AllowedTags = new(StringComparer.OrdinalIgnoreCase)
    {
        "p", "br", "hr", "h2", "h3", "h4", "h5", "h6", "strong", "b", "em", "i", "u", "s", "sub", "sup", "mark", "small",
        "blockquote", "q", "cite", "pre", "code", "ul", "ol", "li", "dl", "dt", "dd", "a", "img", "figure", "figcaption",
        "table", "thead", "tbody", "tfoot", "tr", "th", "td", "caption", "span", "div",
    };

    private static readonly string[] UrlAttributes = ["href", "src", "cite", "action", "formaction", "srcdoc", "data", "poster", "xlink:href", "background"];

    public static TheoryData<string, string> Vectors => new()
    {
        { "script tag", "<script>alert(1)</script>" },
        { "script with src", "<script src=//evil.example/x.js></script>" },
        { "img onerror", "<img src=x onerror=alert(1)>" },
        { "img onerror without quotes or spaces", "<img/src=x/onerror=alert(1)>" },
        { "svg onload", "<svg onload=alert(1)>" },
        { "svg script", "<svg><script>alert(1)</script></svg>" },
        { "body onload", "<body onload=alert(1)>" },
        { "javascript href", "<a href=\"javascript:alert(1)\">x</a>" },
        { "javascript href in upper case", "<a href=\"JaVaScRiPt:alert(1)\">x</a>" },
        { "javascript href with a tab", "<a href=\"jav\tascript:alert(1)\">x</a>" },
        { "javascript href with an encoded tab", "<a href=\"jav&#x09;ascript:alert(1)\">x</a>" },
        { "javascript href with a newline entity", "<a href=\"jav&#x0A;ascript:alert(1)\">x</a>" },
        { "javascript href with decimal entities", "<a href=\"&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)\">x</a>" },
        { "javascript href with padded entities", "<a href=\"&#0000106&#0000097&#0000118&#0000097&#0000115&#0000099&#0000114&#0000105&#0000112&#0000116&#0000058alert(1)\">x</a>" },
        { "javascript href after spaces", "<a href=\" &#14;  javascript:alert(1)\">x</a>" },
        { "javascript img src", "<img src=\"javascript:alert(1)\">" },
        { "vbscript href", "<a href=\"vbscript:msgbox(1)\">x</a>" },
        { "data text/html href", "<a href=\"data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==\">x</a>" },
        { "data svg img", "<img src=\"data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+\">" },
        { "iframe", "<iframe src=\"https://evil.example/\"></iframe>" },
        { "iframe srcdoc", "<iframe srcdoc=\"&lt;script&gt;alert(1)&lt;/script&gt;\"></iframe>" },
        { "object", "<object data=\"javascript:alert(1)\"></object>" },
        { "embed", "<embed src=\"https://evil.example/x.swf\">" },
        { "style tag", "<style>body{background:url(javascript:alert(1))}</style><p>x</p>" },
        { "style attribute expression", "<div style=\"width: expression(alert(1))\">x</div>" },
        { "style attribute url javascript", "<p style=\"background-image: url(javascript:alert(1))\">x</p>" },
        { "link stylesheet", "<link rel=stylesheet href=\"https://evil.example/x.css\">" },
        { "math namespace confusion", "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)></style></mglyph></table></mtext></math>" },
        { "svg foreignObject", "<svg><foreignObject><iframe src=javascript:alert(1)></iframe></foreignObject></svg>" },
        { "math href", "<math href=\"javascript:alert(1)\">x</math>" },
        { "form action", "<form action=\"javascript:alert(1)\"><input type=submit></form>" },
        { "button formaction", "<button formaction=\"javascript:alert(1)\">x</button>" },
        { "base href", "<base href=\"https://evil.example/\"><a href=\"/x\">x</a>" },
        { "meta refresh", "<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert(1)\">" },
        { "noscript breakout", "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\"></noscript>" },
        { "template content", "<template><img src=x onerror=alert(1)></template>" },
        { "unclosed tag", "<img src=x onerror=alert(1)//" },
        { "unclosed script", "<script>alert(1)" },
        { "backticks", "<img src=`x` onerror=`alert(1)`>" },
        { "nested comment", "<!--<img src=\"--><img src=x onerror=alert(1)//\">" },
        { "conditional comment", "<!--[if gte IE 4]><script>alert(1)</script><![endif]-->" },
        { "cdata in html", "<![CDATA[<script>alert(1)</script>]]>" },
        { "event handler on allowed tag", "<p onclick=\"alert(1)\" onmouseover=alert(1)>x</p>" },
        { "autofocus onfocus", "<input autofocus onfocus=alert(1)>" },
        { "details ontoggle", "<details open ontoggle=alert(1)>" },
        { "video poster and source", "<video poster=javascript:alert(1)><source onerror=alert(1)></video>" },
        { "audio onerror", "<audio src=x onerror=alert(1)>" },
        { "marquee onstart", "<marquee onstart=alert(1)>x</marquee>" },
        { "svg animate href", "<svg><a><animate attributeName=href values=javascript:alert(1) /><text y=20>x</text></a></svg>" },
        { "svg use xlink", "<svg><use xlink:href=\"data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+#x\"/></svg>" },
        { "table background", "<table background=\"javascript:alert(1)\"><tr><td>x</td></tr></table>" },
        { "img srcset", "<img src=\"https://ok.example/a.png\" srcset=\"javascript:alert(1) 1x\">" },
        { "a with target and ping", "<a href=\"https://ok.example/\" target=\"_blank\" ping=\"https://evil.example/\">x</a>" },
        { "double-encoded script", "&lt;script&gt;alert(1)&lt;/script&gt;" },
        { "null byte in tag", "<scr\0ipt>alert(1)</scr\0ipt>" },
        { "mixed case script", "<ScRiPt>alert(1)</sCrIpT>" },
        { "script in attribute breakout", "<a title=\"\"><script>alert(1)</script>\">x</a>" },
        { "mXSS via noembed", "<noembed><img title=\"</noembed><img src=x onerror=alert(1)>\"></noembed>" },
        { "mXSS via select", "<select><template><style><img src=x onerror=alert(1)></style></template></select>" },
        { "xmp", "<xmp><img src=x onerror=alert(1)></xmp>" },
        { "id and class clobbering", "<img id=\"location\" name=\"cookie\" class=\"x\" src=\"https://ok.example/a.png\">" },
    };

    [Theory]
    [MemberData(nameof(Vectors))]
    public void Known_vectors_leave_nothing_that_can_run(string name, string vector)
    {
        var sanitised = SiteHtml.Sanitize(vector);

        var problems = ProblemsIn(sanitised);

        Assert.True(problems.Count == 0, $"{name}: {sanitised}\n{string.Join('\n', problems)}");
        Assert.Equal(sanitised, SiteHtml.Sanitize(sanitised));
    }

    [Theory]
    [InlineData("<p>Hello <a href=\"https://example.org/a?b=1\">world</a></p>",
        "<p>Hello <a href=\"https://example.org/a?b=1\" rel=\"noopener noreferrer nofollow\">world</a></p>")]
    [InlineData("<p><img src=\"/api/v1/gallery/0192b0c4-0000-7000-8000-000000000001/image\" alt=\"Studio\"></p>",
        "<p><img src=\"/api/v1/gallery/0192b0c4-0000-7000-8000-000000000001/image\" alt=\"Studio\"></p>")]
    [InlineData("<ul><li>one</li><li><strong>two</strong></li></ul>", "<ul><li>one</li><li><strong>two</strong></li></ul>")]
    [InlineData("<a href=\"mailto:redaksi@radio.example\">mail</a>", "<a href=\"mailto:redaksi@radio.example\" rel=\"noopener noreferrer nofollow\">mail</a>")]
    [InlineData("<h2>Jadwal</h2><blockquote cite=\"https://example.org/\">kutipan</blockquote>", "<h2>Jadwal</h2><blockquote cite=\"https://example.org/\">kutipan</blockquote>")]
    public void Ordinary_content_is_kept(string html, string expected)
    {
        Assert.Equal(expected, SiteHtml.Sanitize(html));
    }

    [Fact]
    public void Text_of_a_hostile_article_keeps_its_words_and_no_markup()
    {
        var sanitised = SiteHtml.Sanitize("<p>Siaran <script>alert(1)</script>pagi</p><img src=x onerror=alert(1)><p>ini</p>");

        Assert.Equal("Siaran pagi ini", SiteHtml.TextOf(sanitised));
    }

    [Fact]
    public void One_shared_sanitiser_gives_the_same_answers_on_many_threads()
    {
        var inputs = Vectors.Select(row => (string)row[1]).ToArray();
        var expected = inputs.Select(SiteHtml.Sanitize).ToArray();

        var results = new string[inputs.Length * 20];
        Parallel.For(0, results.Length, i => results[i] = SiteHtml.Sanitize(inputs[i % inputs.Length]));

        Assert.All(Enumerable.Range(0, results.Length), i => Assert.Equal(expected[i % inputs.Length], results[i]));
    }

    private static List<string> ProblemsIn(string sanitised)
    {
        var document = new HtmlParser().ParseDocument($"<body>{sanitised}</body>");
        var problems = new List<string>();
        foreach (var element in document.Body!.QuerySelectorAll("*"))
        {
            if (!AllowedTags.Contains(element.LocalName) || element.NamespaceUri != NamespaceNames.HtmlUri)
            {
                problems.Add($"element <{element.LocalName}> ({element.NamespaceUri})");
            }
            foreach (var attribute in element.Attributes)
            {
                if (attribute.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase) || attribute.Name.Equals("style", StringComparison.OrdinalIgnoreCase))
                {
                    problems.Add($"attribute {attribute.Name} on <{element.LocalName}>");
                }
                if (UrlAttributes.Contains(attribute.Name, StringComparer.OrdinalIgnoreCase) && !IsSafeUrl(attribute.Value))
                {
                    problems.Add($"URL {attribute.Name}=\"{attribute.Value}\" on <{element.LocalName}>");
                }
            }
        }
        // Whatever is left as text must stay text: no markup hides in it once the page is built.
        if (document.Body.QuerySelectorAll("script, style, iframe, object, embed, base, meta, link, form").Length > 0)
        {
            problems.Add("a forbidden element survived");
        }
        return problems;
    }

    // As a browser reads a URL: leading and trailing C0 controls and spaces dropped, tabs and newlines removed anywhere.
    private static bool IsSafeUrl(string value)
    {
        var url = new string(value.Trim('\0', ' ', '\t', '\n', '\r', '\f', '\u000E').Where(c => c is not ('\t' or '\n' or '\r')).ToArray());
        var colon = url.IndexOf(':');
        var firstSeparator = url.IndexOfAny(['/', '?', '#']);
        if (colon < 0 || (firstSeparator >= 0 && firstSeparator < colon))
        {
            return true;
        }
        return url[..colon].ToLowerInvariant() is "http" or "https" or "mailto";
    }
}
