namespace OrleansRides.Site.Articles;

/// <summary>Why an article write did not happen.</summary>
public enum ArticleWriteFailure
{
    /// <summary>It happened.</summary>
    None,
    /// <summary>No article has that slug.</summary>
    NotFound,
    /// <summary>The slug the client gave belongs to another article.</summary>
    SlugTaken,
    /// <summary>The category id names no category.</summary>
    UnknownCategory,
    /// <summary>An editor changing another author's article.</summary>
    NotAuthor,
}

/// <summary>The outcome of an article write: the article as stored, or why there is none.</summary>
/// <param name="Article">The stored article; null when <paramref name="Failure"/> is not <see cref="ArticleWriteFailure.None"/>.</param>
/// <param name="Failure">Why nothing was written.</param>
public sealed record ArticleWrite(Article? Article, ArticleWriteFailure Failure)
{
    /// <summary>A write that did not happen.</summary>
    public static ArticleWrite Failed(ArticleWriteFailure failure) => new(null, failure);
}

/// <summary>Who writes: the account and whether it is an admin (admins change any article, editors their own).</summary>
/// <param name="UserId">The account id (the token's subject).</param>
/// <param name="IsAdmin">Whether the account's role is admin.</param>
public sealed record ArticleWriter(Guid UserId, bool IsAdmin);
