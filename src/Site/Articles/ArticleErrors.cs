using OrleansRides.GrainInterfaces.Errors;

namespace OrleansRides.Site.Articles;

/// <summary>Stable error codes of the article endpoints (the <c>code</c> of their problem details).</summary>
public static class ArticleErrors
{
    /// <inheritdoc cref="ErrorCodes.ArticleNotFound"/>
    public const string ArticleNotFound = ErrorCodes.ArticleNotFound;
    /// <inheritdoc cref="ErrorCodes.SlugTaken"/>
    public const string SlugTaken = ErrorCodes.SlugTaken;
    /// <inheritdoc cref="ErrorCodes.NotArticleAuthor"/>
    public const string NotArticleAuthor = ErrorCodes.NotArticleAuthor;
    /// <inheritdoc cref="ErrorCodes.StatusForStaffOnly"/>
    public const string StatusForStaffOnly = ErrorCodes.StatusForStaffOnly;
}
