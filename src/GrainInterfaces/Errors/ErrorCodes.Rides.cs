namespace OrleansRides.GrainInterfaces.Errors;

public static partial class ErrorCodes
{
    // The ride hub and grain (docs/realtime-protocol.md).

    /// <summary>404: no route or ride has this access code or id.</summary>
    [ErrorStatus(404)] public const string RideNotFound = "RIDE_NOT_FOUND";

    /// <summary>403: the leader key does not match the route's.</summary>
    [ErrorStatus(403)] public const string InvalidLeaderKey = "INVALID_LEADER_KEY";

    /// <summary>403: only the ride's current leader may do this.</summary>
    [ErrorStatus(403)] public const string NotLeader = "NOT_LEADER";

    /// <summary>400: the position is missing a field, out of range, not finite or too far in the future.</summary>
    [ErrorStatus(400)] public const string InvalidPosition = "INVALID_POSITION";

    /// <summary>409: the ride is not live.</summary>
    [ErrorStatus(409)] public const string RideEnded = "RIDE_ENDED";

    // Scheduled rides and their tracks (REST).

    /// <summary>409: the ride is not open for interest (completed or cancelled).</summary>
    [ErrorStatus(409)] public const string RideNotOpen = "RIDE_NOT_OPEN";

    /// <summary>409: the ride is completed or cancelled already.</summary>
    [ErrorStatus(409)] public const string RideNotCancellable = "RIDE_NOT_CANCELLABLE";

    /// <summary>409: the route is archived; it gets no new rides.</summary>
    [ErrorStatus(409)] public const string RouteArchived = "ROUTE_ARCHIVED";

    /// <summary>409: the route has no region, so no time zone to schedule its rides in.</summary>
    [ErrorStatus(409)] public const string RouteHasNoRegion = "ROUTE_HAS_NO_REGION";

    /// <summary>404: the ride has no recorded track yet.</summary>
    [ErrorStatus(404)] public const string TrackNotFound = "TRACK_NOT_FOUND";
}
