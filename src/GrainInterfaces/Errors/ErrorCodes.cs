using OrleansRides.Runtime;

namespace OrleansRides.GrainInterfaces.Errors;

/// <summary>Every stable error code the system gives callers: the RFC 9457 <c>code</c> of a REST problem, and the
/// <c>CODE:</c> prefix of a failed hub invocation's message. Each constant carries its HTTP status
/// (<see cref="ErrorStatusAttribute"/>) and its meaning (its summary); <see cref="ErrorCatalog"/> looks them up. The
/// modules' own classes (<c>RideErrorCodes</c>, <c>ChatErrorCodes</c>, <c>LoungeErrors</c>, ...) name the subset each
/// module uses and alias these constants. This file: codes of the HTTP pipeline and of the runtime, shared by every area.</summary>
public static partial class ErrorCodes
{
    /// <summary>400: the request could not be read (the default code of a bare 400).</summary>
    [ErrorStatus(400)] public const string BadRequest = "BAD_REQUEST";

    /// <summary>400: the request body is not valid JSON, or a value has the wrong type.</summary>
    [ErrorStatus(400)] public const string MalformedJson = "MALFORMED_JSON";

    /// <summary>400: one or more fields are invalid; the problem's <c>errors</c> names each (also the default code of a bare 422).</summary>
    [ErrorStatus(400)] public const string ValidationFailed = "VALIDATION_FAILED";

    /// <summary>400: malformed call: wrong types, missing or empty fields, oversize, or content PostgreSQL refuses.</summary>
    [ErrorStatus(400)] public const string InvalidRequest = GrainErrorCodes.InvalidRequest;

    /// <summary>401: no valid credentials: sign in (or open a live-chat session), or the token was revoked.</summary>
    [ErrorStatus(401)] public const string Unauthorized = "UNAUTHORIZED";

    /// <summary>403: signed in, but not allowed to do this.</summary>
    [ErrorStatus(403)] public const string Forbidden = "FORBIDDEN";

    /// <summary>404: no such endpoint or resource (the default code of a bare 404).</summary>
    [ErrorStatus(404)] public const string NotFound = "NOT_FOUND";

    /// <summary>405: the endpoint does not take this method.</summary>
    [ErrorStatus(405)] public const string MethodNotAllowed = "METHOD_NOT_ALLOWED";

    /// <summary>409: the request conflicts with the resource's current state (the default code of a bare 409).</summary>
    [ErrorStatus(409)] public const string Conflict = "CONFLICT";

    /// <summary>409: another entry of the same kind (region, tag, article, page, programme, tier) has that slug.</summary>
    [ErrorStatus(409)] public const string SlugTaken = "SLUG_TAKEN";

    /// <summary>413: the body or an uploaded file is larger than allowed.</summary>
    [ErrorStatus(413)] public const string PayloadTooLarge = "PAYLOAD_TOO_LARGE";

    /// <summary>415: the body's media type is not accepted (or an upload is not an accepted image).</summary>
    [ErrorStatus(415)] public const string UnsupportedMediaType = "UNSUPPORTED_MEDIA_TYPE";

    /// <summary>429: over a rate limit (per address, sender, session or leader); the message or <c>Retry-After</c> says when to retry.</summary>
    [ErrorStatus(429)] public const string RateLimited = "RATE_LIMITED";

    /// <summary>429: one SignalR connection made more than <c>Hubs:MaxInvocationsPerSecond</c> calls in a second; the call
    /// was refused before the hub method ran. Slow down on this connection.</summary>
    [ErrorStatus(429)] public const string HubFloodLimited = "HUB_FLOOD_LIMITED";

    /// <summary>500: an unexpected failure; details are in the server's log, never in the answer.</summary>
    [ErrorStatus(500)] public const string InternalError = GrainErrorCodes.InternalError;

    /// <summary>503: a dependency (PostgreSQL, the message broker) is unavailable; the call did not complete. Retry with backoff.</summary>
    [ErrorStatus(503)] public const string ServiceUnavailable = GrainErrorCodes.ServiceUnavailable;

    /// <summary>503: the activation that got the call does not own the grain; the call took no effect. Retry.</summary>
    [ErrorStatus(503)] public const string NotOwner = GrainErrorCodes.NotOwner;

    /// <summary>503: the silo hosting the grain is gone; retry (the grain is placed elsewhere). Equals the runtime's
    /// <c>SiloUnavailableException.Codes.SiloUnavailable</c>.</summary>
    [ErrorStatus(503)] public const string SiloUnavailable = GrainErrorCodes.SiloUnavailable;

    /// <summary>503: the grain call missed its deadline (<c>GrainRuntime:CallTimeout</c>); its outcome is unknown. Equals
    /// the code of the runtime's <c>GrainCallTimeoutException</c>.</summary>
    [ErrorStatus(503)] public const string GrainCallTimeout = GrainErrorCodes.CallTimeout;

    /// <summary>409: a grain's state was written by another activation since it was read (stale ETag). Equals the code of
    /// the runtime's <c>InconsistentStateException</c>.</summary>
    [ErrorStatus(409)] public const string StateConflict = GrainErrorCodes.StateConflict;

    /// <summary>503: cluster mode, and no silo is active to host grains.</summary>
    [ErrorStatus(503)] public const string NoActiveSilo = "NO_ACTIVE_SILO";
}
