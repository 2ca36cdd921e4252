using System.Diagnostics.CodeAnalysis;

namespace OrleansRides.GrainInterfaces.Sessions;

/// <summary>How a session's uuid (the <c>anonymous_sessions.id</c>) appears elsewhere: as the <see cref="ISessionGrain"/>
/// key, and as the <c>sub</c> claim of a live-chat listener's token, <c>s-</c> followed by the 32 hex digits of the uuid
/// (the shape listener subjects always had, so the hub, the session topics and song-request decisions are unchanged).</summary>
public static class SessionKeys
{
    private const string ListenerPrefix = "s-";

    /// <summary>The grain key of a session: its uuid in the 36-character "D" format, lowercase.</summary>
    public static string GrainKey(Guid sessionId) => sessionId.ToString("D");

    /// <summary>A listener token's subject for <paramref name="sessionId"/>: <c>s-</c> + 32 lowercase hex digits.</summary>
    public static string ListenerSubject(Guid sessionId) => ListenerPrefix + sessionId.ToString("N");

    /// <summary>The session behind a listener subject; false for a member's subject (a user id) or a listener token
    /// issued before sessions were rows (<c>s-</c> + 20 hex digits), which have no session grain.</summary>
    public static bool TryParseListenerSubject(string? subject, [NotNullWhen(true)] out Guid? sessionId)
    {
        sessionId = null;
        if (subject is not { Length: 34 } || !subject.StartsWith(ListenerPrefix, StringComparison.Ordinal)
            || !Guid.TryParseExact(subject.AsSpan(ListenerPrefix.Length), "N", out var id))
        {
            return false;
        }
        sessionId = id;
        return true;
    }
}
