using OrleansRides.Runtime;

namespace OrleansRides.GrainInterfaces.Rides;

/// <summary>The stable error codes of the ride API; a failed hub invocation's message starts with one of them.</summary>
public static class RideErrorCodes
{
    /// <summary>No route has this access code.</summary>
    public const string RideNotFound = "RIDE_NOT_FOUND";
    /// <summary>The leader key does not match the route's.</summary>
    public const string InvalidLeaderKey = "INVALID_LEADER_KEY";
    /// <summary>Only the current leader may do this.</summary>
    public const string NotLeader = "NOT_LEADER";
    /// <summary>The position is missing a field, out of range, not finite or too far in the future.</summary>
    public const string InvalidPosition = "INVALID_POSITION";
    /// <summary>Too many updates per second.</summary>
    public const string RateLimited = "RATE_LIMITED";
    /// <summary>The ride is not live.</summary>
    public const string RideEnded = "RIDE_ENDED";
    /// <summary>The request is malformed (wrong types, missing fields, oversize).</summary>
    public const string InvalidRequest = "INVALID_REQUEST";
}

/// <summary>A ride rule was broken; <see cref="GrainException.Code"/> is one of <see cref="RideErrorCodes"/>.</summary>
public sealed class RideException(string code, string message) : GrainException(code, message);
