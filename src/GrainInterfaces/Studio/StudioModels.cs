namespace OrleansRides.GrainInterfaces.Studio;

/// <summary>Whether a DJ has decided a song request.</summary>
public enum SongRequestStatus
{
    /// <summary>Waiting for a DJ.</summary>
    Pending,
    /// <summary>A DJ will play it.</summary>
    Approved,
    /// <summary>A DJ declined it (see <see cref="SongRequest.Reason"/>).</summary>
    Rejected,
}

/// <summary>A listener's song request as the studio holds it.</summary>
/// <param name="Id">Unique id.</param>
/// <param name="Title">Song title, 1 to 200 characters.</param>
/// <param name="Artist">Artist, at most 200 characters.</param>
/// <param name="RequesterName">Who asks, 1 to 40 characters.</param>
/// <param name="Message">A dedication or note, at most 500 characters.</param>
/// <param name="SessionId">The requester's chat session (or user id), to tell it the decision live.</param>
/// <param name="Status">Pending, approved or rejected.</param>
/// <param name="Reason">Why it was rejected.</param>
/// <param name="RequestedAt">When it arrived, UTC.</param>
/// <param name="DecidedAt">When a DJ decided, UTC.</param>
public sealed record SongRequest(
    Guid Id, string Title, string? Artist, string RequesterName, string? Message, string? SessionId,
    SongRequestStatus Status, string? Reason, DateTimeOffset RequestedAt, DateTimeOffset? DecidedAt);

/// <summary>An event of the studio, published on <see cref="StudioTopics.For"/> (to DJs) and, for decisions, on the
/// requester's session topic.</summary>
public abstract record StudioEvent;

/// <summary>A request arrived. To every DJ.</summary>
public sealed record NewSongRequest(SongRequest Request) : StudioEvent;

/// <summary>A request was approved. To every DJ and to the requester's session.</summary>
public sealed record RequestApproved(SongRequest Request) : StudioEvent;

/// <summary>A request was rejected. To every DJ and to the requester's session.</summary>
public sealed record RequestRejected(SongRequest Request) : StudioEvent;

/// <summary>Topic names for studio events.</summary>
public static class StudioTopics
{
    /// <summary>The station's single studio.</summary>
    public const string Main = "main";

    /// <summary><c>studio/{studio}</c>.</summary>
    public static string For(string studio) => $"studio/{studio}";
}
