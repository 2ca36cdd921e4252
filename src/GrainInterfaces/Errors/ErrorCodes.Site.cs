namespace OrleansRides.GrainInterfaces.Errors;

public static partial class ErrorCodes
{
    // The station's site (src/Site).

    /// <summary>404: no article has this slug, or it is not published and the caller is not staff.</summary>
    [ErrorStatus(404)] public const string ArticleNotFound = "ARTICLE_NOT_FOUND";

    /// <summary>403: an editor changing someone else's article (admins may change any).</summary>
    [ErrorStatus(403)] public const string NotArticleAuthor = "NOT_ARTICLE_AUTHOR";

    /// <summary>404: no category has this id.</summary>
    [ErrorStatus(404)] public const string CategoryNotFound = "CATEGORY_NOT_FOUND";

    /// <summary>409: articles (of any status) still use the category.</summary>
    [ErrorStatus(409)] public const string CategoryInUse = "CATEGORY_IN_USE";

    /// <summary>404: no gallery item has that id.</summary>
    [ErrorStatus(404)] public const string GalleryItemNotFound = "GALLERY_ITEM_NOT_FOUND";

    /// <summary>415: the request body is not <c>multipart/form-data</c>.</summary>
    [ErrorStatus(415)] public const string MultipartRequired = "MULTIPART_REQUIRED";

    /// <summary>400: the multipart body is malformed (boundary, part headers).</summary>
    [ErrorStatus(400)] public const string MalformedMultipart = "MALFORMED_MULTIPART";

    /// <summary>404: no page has that slug.</summary>
    [ErrorStatus(404)] public const string PageNotFound = "PAGE_NOT_FOUND";

    /// <summary>404: no programme has that id.</summary>
    [ErrorStatus(404)] public const string ProgramNotFound = "PROGRAM_NOT_FOUND";

    /// <summary>409: a slot overlaps another slot of the request or another programme's slot (one station, one air).</summary>
    [ErrorStatus(409)] public const string SlotOverlap = "SLOT_OVERLAP";

    /// <summary>404: no announcement has that id.</summary>
    [ErrorStatus(404)] public const string AnnouncementNotFound = "ANNOUNCEMENT_NOT_FOUND";

    /// <summary>404: no membership tier has that id.</summary>
    [ErrorStatus(404)] public const string TierNotFound = "TIER_NOT_FOUND";

    /// <summary>404: no testimonial has that id.</summary>
    [ErrorStatus(404)] public const string TestimonialNotFound = "TESTIMONIAL_NOT_FOUND";

    /// <summary>409: the testimonial was approved or rejected before; a decision is final.</summary>
    [ErrorStatus(409)] public const string TestimonialDecided = "TESTIMONIAL_DECIDED";
}
