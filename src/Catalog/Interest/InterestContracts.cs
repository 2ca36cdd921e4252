namespace OrleansRides.Catalog.Interest;

/// <summary><c>POST /api/v1/rides/{id}/interest</c>: "I'm coming". Name the session by <paramref name="SessionId"/>, or by
/// <paramref name="Fingerprint"/> (found or made), or by neither (a new session is made); not both.</summary>
/// <param name="SessionId">An existing session.</param>
/// <param name="Fingerprint">A client hint, at most 200 characters (see <c>POST /api/v1/sessions</c>).</param>
public sealed record AddInterestRequest(Guid? SessionId, string? Fingerprint);

/// <summary><c>DELETE /api/v1/rides/{id}/interest</c>: "not coming after all".</summary>
/// <param name="SessionId">The session whose interest goes (required).</param>
public sealed record RemoveInterestRequest(Guid? SessionId);

/// <summary>The answer to <c>POST …/interest</c>.</summary>
/// <param name="InterestCount">Sessions interested in the ride, this one included, as of the statement that wrote it.</param>
/// <param name="SessionId">The session (new when none was named).</param>
/// <param name="Interested">Always true.</param>
public sealed record InterestAdded(int InterestCount, Guid SessionId, bool Interested);

/// <summary>The answer to <c>DELETE …/interest</c>.</summary>
/// <param name="InterestCount">Sessions interested in the ride now, as of the statement that deleted.</param>
/// <param name="Interested">Always false.</param>
public sealed record InterestRemoved(int InterestCount, bool Interested);

/// <summary>How a change of interest ended.</summary>
public enum InterestOutcome
{
    /// <summary>Written (or already so: idempotent).</summary>
    Done,
    /// <summary>No such ride: 404 <c>RIDE_NOT_FOUND</c>.</summary>
    RideNotFound,
    /// <summary>The session is unknown or expired: 404 <c>SESSION_NOT_FOUND</c>.</summary>
    SessionNotFound,
    /// <summary>Cancelled, completed or already started: 409 <c>RIDE_NOT_OPEN</c>.</summary>
    RideNotOpen,
}

/// <summary>The outcome and the ride's count (0 unless <see cref="InterestOutcome.Done"/>).</summary>
/// <param name="Outcome">What happened.</param>
/// <param name="InterestCount">The ride's interested sessions after the change.</param>
public sealed record InterestChange(InterestOutcome Outcome, int InterestCount);
