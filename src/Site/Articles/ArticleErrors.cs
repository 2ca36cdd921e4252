namespace OrleansRides.Site.Articles;

/// <summary>Stable error codes of the article endpoints (the <c>code</c> of their problem details).</summary>
public static class ArticleErrors
{
    /// <summary>404: no article has this slug, or it is not published and the caller is not staff.</summary>
    public const string ArticleNotFound = "ARTICLE_NOT_FOUND";
    /// <summary>409: a slug the client gave belongs to another article.</summary>
    public const string SlugTaken = "SLUG_TAKEN";
    /// <summary>403: an editor changing someone else's article (admins may change any).</summary>
    public const string NotArticleAuthor = "NOT_ARTICLE_AUTHOR";
    /// <summary>403: a caller who is not staff asking for drafts or archived articles.</summary>
    public const string StatusForStaffOnly = "STATUS_FOR_STAFF_ONLY";
}
