using OrleansRides.GrainInterfaces.Studio;

namespace OrleansRides.Site.StaffQueues;

/// <summary>A listener's prayer request as staff see it in <c>GET /api/v1/services/prayer</c>.</summary>
/// <param name="Id">Request id.</param>
/// <param name="Name">Who asked, or null (anonymous).</param>
/// <param name="Request">The prayer request.</param>
/// <param name="Contact">An email or phone to answer, or null.</param>
/// <param name="RequestedAt">When it arrived, UTC.</param>
public sealed record PrayerRequestEntry(Guid Id, string? Name, string Request, string? Contact, DateTimeOffset RequestedAt);

/// <summary>A song request as staff see it in <c>GET /api/v1/services/song_requests</c>: the studio's
/// <see cref="SongRequest"/> without its <c>sessionId</c> (the requester's session or account id, which is how decisions
/// reach them live and is nobody else's business).</summary>
/// <param name="Id">Request id.</param>
/// <param name="Title">Song title.</param>
/// <param name="Artist">Artist, or null.</param>
/// <param name="RequesterName">Who asked.</param>
/// <param name="Message">A dedication or note, or null.</param>
/// <param name="Status">Pending, approved or rejected.</param>
/// <param name="Reason">Why a DJ rejected it, or null.</param>
/// <param name="RequestedAt">When it arrived, UTC.</param>
/// <param name="DecidedAt">When a DJ decided, UTC, or null.</param>
public sealed record SongRequestEntry(
    Guid Id, string Title, string? Artist, string RequesterName, string? Message, SongRequestStatus Status, string? Reason,
    DateTimeOffset RequestedAt, DateTimeOffset? DecidedAt);
