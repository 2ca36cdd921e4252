using OrleansRides.GrainInterfaces.Errors;

namespace OrleansRides.Site.Announcements;

/// <summary><c>POST /api/v1/announcements</c> and <c>PUT /api/v1/announcements/{id}</c> body; PUT is partial (absent or null
/// fields stay as they are, so a link or an end once set is changed, not removed, by a PUT).</summary>
/// <param name="Text">1–500 characters, one line (a banner).</param>
/// <param name="Link">Optional absolute http(s) URL, at most 2,000 characters.</param>
/// <param name="VisibleFrom">When it starts to show, UTC; absent on create: now.</param>
/// <param name="VisibleUntil">When it stops showing (exclusive), UTC, after <paramref name="VisibleFrom"/>; absent: until
/// deleted.</param>
public sealed record AnnouncementRequest(string? Text, string? Link, DateTimeOffset? VisibleFrom, DateTimeOffset? VisibleUntil);

/// <summary>An announcement: <c>{ id, text, link, visibleFrom, visibleUntil }</c>, shown while visibleFrom ≤ now &lt;
/// visibleUntil.</summary>
/// <param name="Id">Announcement id.</param>
/// <param name="Text">Its text.</param>
/// <param name="Link">An http(s) URL, or null.</param>
/// <param name="VisibleFrom">Start of its window, UTC.</param>
/// <param name="VisibleUntil">End of its window (exclusive), UTC, or null for open-ended.</param>
public sealed record Announcement(Guid Id, string Text, string? Link, DateTimeOffset VisibleFrom, DateTimeOffset? VisibleUntil);

/// <summary>Error codes of the announcements module.</summary>
public static class AnnouncementsErrors
{
    /// <inheritdoc cref="ErrorCodes.AnnouncementNotFound"/>
    public const string AnnouncementNotFound = ErrorCodes.AnnouncementNotFound;
}
