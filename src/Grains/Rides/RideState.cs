using System.Text.Json.Serialization;
using OrleansRides.GrainInterfaces.Rides;

namespace OrleansRides.Grains.Rides;

/// <summary>What a ride grain checkpoints to <c>grain_state</c>.</summary>
public sealed class RideState
{
    /// <summary>The current (or last) live ride's track in <c>ride_tracks</c>; null before the first ride. Stored under its
    /// old name <c>rideId</c>, so checkpoints written before the rename still load.</summary>
    [JsonPropertyName("rideId")]
    public Guid? TrackId { get; set; }

    /// <summary>Life-cycle status.</summary>
    public RideStatus Status { get; set; } = RideStatus.Waiting;

    /// <summary>Connection id of the leader, while connected.</summary>
    public string? LeaderConnectionId { get; set; }

    /// <summary>When the leader was declared offline (UTC).</summary>
    public DateTimeOffset? LeaderOfflineSince { get; set; }

    /// <summary>The last accepted position.</summary>
    public Position? LastPosition { get; set; }

    /// <summary>The bounded trail, oldest first. Not checkpointed: an activation rebuilds it from the ride's track
    /// (<c>ride_track_points</c>), which holds every point up to <see cref="RideOptions.TrackFlushInterval"/> before a
    /// crash, so the checkpoint stays a few hundred bytes instead of carrying up to <see cref="RideOptions.TrailLength"/>
    /// positions every <see cref="RideOptions.CheckpointInterval"/> (decision 170). Checkpoints written with a trail
    /// still load; theirs is ignored.</summary>
    [JsonIgnore]
    public List<Position> Trail { get; set; } = [];

    /// <summary>Followers by connection id.</summary>
    public Dictionary<string, RideFollower> Followers { get; set; } = [];

    /// <summary>The sequence number the next position gets.</summary>
    public long NextSeq { get; set; } = 1;

    /// <summary>Every sequence number handed out is below this stored bound (hi/lo reservation), so an activation that
    /// restarts from an older checkpoint after a crash continues above every number already used: followers may see a
    /// gap, never a reused number.</summary>
    public long SeqReservedUntil { get; set; } = 1;
}

/// <summary>A follower as the ride knows it.</summary>
/// <param name="FollowerId">Opaque id shown to the leader.</param>
/// <param name="DisplayName">Optional display name.</param>
public sealed record RideFollower(string FollowerId, string? DisplayName);
