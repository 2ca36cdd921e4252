namespace OrleansRides.Grains.Rides;

/// <summary>Ride rules, bound from the <c>Rides</c> configuration section (environment: <c>RIDES__LEADERGRACEPERIOD=00:00:30</c>).</summary>
public sealed class RideOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "Rides";

    /// <summary>Position updates a leader may send per second (token bucket, 1 s burst). Default 25: a 1 Hz phone with
    /// room for replays accelerated 25×.</summary>
    public int MaxUpdatesPerSecond { get; set; } = 25;

    /// <summary>How long a leader's dropped connection may stay away before followers see <c>leaderOffline</c>. Default 30 s.</summary>
    public TimeSpan LeaderGracePeriod { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a leader may stay offline before the ride ends with reason <c>leaderTimeout</c>. Default 30 min.</summary>
    public TimeSpan AbandonAfter { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>Positions kept in the trail served to joiners. Default 1,000 (about 17 min at 1 Hz).</summary>
    public int TrailLength { get; set; } = 1000;

    /// <summary>How often a live ride saves its state (status, followers, sequence reservation; not the trail, decision 170),
    /// each ride at its own random point of the interval. Default 5 s. A crash
    /// loses no track beyond <see cref="TrackFlushInterval"/>: a reactivation rebuilds the trail from the track.</summary>
    public TimeSpan CheckpointInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How often a live ride appends its new positions to the track (<c>ride_track_points</c>), one append per
    /// interval. Every ride of a process appends at the same instants, the multiples of the interval on the UTC clock
    /// (whole seconds by default), so that their appends share one group commit (decision 172). Default 1 s: what a crash
    /// can lose of the track (issue 8 asks for at most 1 s).</summary>
    public TimeSpan TrackFlushInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How far ahead of the server's clock a position's timestamp may be. Default 5 min of phone clock skew.</summary>
    public TimeSpan MaxFutureSkew { get; set; } = TimeSpan.FromMinutes(5);
}
