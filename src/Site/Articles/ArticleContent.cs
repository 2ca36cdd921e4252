using OrleansRides.Site.Html;

namespace OrleansRides.Site.Articles;

/// <summary>What an article's content becomes before storage.</summary>
public static class ArticleContent
{
    /// <summary>The sanitised HTML of <paramref name="html"/> (<see cref="SiteHtml.Sanitize"/>) and its text
    /// (<see cref="SiteHtml.TextOf"/>), for the <c>content</c> and <c>content_text</c> columns.</summary>
    public static (string Html, string Text) Prepare(string html)
    {
        var sanitised = SiteHtml.Sanitize(html);
        return (sanitised, SiteHtml.TextOf(sanitised));
    }

    /// <summary>Whether anything is left of <paramref name="html"/> once sanitised (a body of scripts alone is not content).</summary>
    public static bool HasContentLeft(string html) => !string.IsNullOrWhiteSpace(SiteHtml.Sanitize(html));
}
