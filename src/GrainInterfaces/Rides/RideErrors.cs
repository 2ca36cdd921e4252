using OrleansRides.GrainInterfaces.Errors;
using OrleansRides.Runtime;

namespace OrleansRides.GrainInterfaces.Rides;

/// <summary>The stable error codes of the ride API (aliases of <see cref="ErrorCodes"/>, which gives each its HTTP status);
/// a failed hub invocation's message starts with one of them.</summary>
public static class RideErrorCodes
{
    /// <inheritdoc cref="ErrorCodes.RideNotFound"/>
    public const string RideNotFound = ErrorCodes.RideNotFound;
    /// <inheritdoc cref="ErrorCodes.InvalidLeaderKey"/>
    public const string InvalidLeaderKey = ErrorCodes.InvalidLeaderKey;
    /// <inheritdoc cref="ErrorCodes.NotLeader"/>
    public const string NotLeader = ErrorCodes.NotLeader;
    /// <inheritdoc cref="ErrorCodes.InvalidPosition"/>
    public const string InvalidPosition = ErrorCodes.InvalidPosition;
    /// <inheritdoc cref="ErrorCodes.RateLimited"/>
    public const string RateLimited = ErrorCodes.RateLimited;
    /// <inheritdoc cref="ErrorCodes.RideEnded"/>
    public const string RideEnded = ErrorCodes.RideEnded;
    /// <inheritdoc cref="ErrorCodes.InvalidRequest"/>
    public const string InvalidRequest = ErrorCodes.InvalidRequest;
}

/// <summary>A ride rule was broken; <see cref="GrainException.Code"/> is one of <see cref="RideErrorCodes"/>.</summary>
public sealed class RideException(string code, string message) : GrainException(code, message);
