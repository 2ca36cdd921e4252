namespace OrleansRides.Catalog.Sessions;

/// <summary><c>POST /api/v1/sessions</c>.</summary>
/// <param name="Fingerprint">Optional client hint (at most 200 characters, no control characters) to get the same session
/// back on a later call; without it a new session is made each time. Not a secret: see
/// <see cref="SessionRules.FingerprintHash"/>.</param>
public sealed record CreateSessionRequest(string? Fingerprint);

/// <summary>An anonymous session as the API shows it.</summary>
/// <param name="SessionId">Its id (uuid v7): send it back as <c>sessionId</c>; whoever holds it acts as the session.</param>
/// <param name="ExpiresAt">UTC (a <see cref="DateTimeKind.Utc"/> value, so JSON shows it with <c>Z</c>); moves to 30 days after each use (at most once a minute).</param>
public sealed record AnonymousSession(Guid SessionId, DateTime ExpiresAt);

/// <summary>A session found or made.</summary>
/// <param name="Session">The session.</param>
/// <param name="Created">Whether this call made it.</param>
public sealed record SessionResult(AnonymousSession Session, bool Created);
