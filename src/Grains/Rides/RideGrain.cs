using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansRides.GrainInterfaces.Rides;
using OrleansRides.Runtime;
using OrleansRides.Runtime.Persistence;
using OrleansRides.Runtime.Storage;
using OrleansRides.Runtime.Topics;

namespace OrleansRides.Grains.Rides;

/// <summary>The live ride on one route (key: access code). See <see cref="IRideGrain"/> for the rules.
/// New positions are appended to the track every <see cref="RideOptions.TrackFlushInterval"/> (1 s); state is checkpointed
/// every <see cref="RideOptions.CheckpointInterval"/>, on status changes and on deactivation. After a crash the next
/// activation extends the checkpoint's trail with the track saved since, so the trail does not jump back by more than one
/// track flush.</summary>
public sealed partial class RideGrain(
    IPersistentState<RideState> state, IRideStore store, ITopicPublisher publisher, IOptions<RideOptions> options,
    PersistenceMetrics persistenceMetrics, ILogger<RideGrain> logger) : Grain, IRideGrain
{
    // Sequence numbers reserved per state write; at the default 25 updates/s one extra write every 40 s at most.
    private const int SeqReservationBlock = 1000;

    private readonly RideOptions _options = options.Value;
    private readonly List<Position> _unsavedTrack = [];
    private RideRoute? _route;
    // Created by the first position: a ride whose leader only watches, or has not started, needs none.
    private PerSecondLimit? _leaderRateLimiter;
    private IDisposable? _leaderGraceTimer;
    private IDisposable? _abandonTimer;
    private IDisposable? _checkpointTimer;
    private IDisposable? _trackTimer;
    private bool _dirty;

    private RideState Ride => state.State;

    private string Topic => RideTopics.For(GrainKey);

    /// <inheritdoc />
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _route = await store.FindRouteAsync(GrainKey, cancellationToken);
        if (_route is null)
        {
            DeactivateOnIdle();
            return;
        }
        // After a crash the checkpoint's NextSeq may be behind numbers already published; the reservation never is.
        Ride.NextSeq = Math.Max(Ride.NextSeq, Ride.SeqReservedUntil);
        // Also for an ended ride: its snapshot still shows the last ride's trail.
        await LoadTrailFromTrackAsync(cancellationToken);
        if (Ride.Status is RideStatus.Live or RideStatus.LeaderOffline)
        {
            // Reactivated mid-ride: the leader's connection may be gone; it has the grace period to call again.
            StartCheckpoints();
            if (Ride.Status == RideStatus.Live)
            {
                StartLeaderGraceTimer(Ride.LeaderConnectionId);
            }
            else
            {
                StartAbandonTimer();
            }
        }
    }

    /// <inheritdoc />
    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (_route is not null)
        {
            // A clean hand-over: give back the unused reservation so the next activation continues without a gap.
            Ride.SeqReservedUntil = Ride.NextSeq;
            await CheckpointAsync(force: true);
        }
    }

    /// <inheritdoc />
    public async Task<RideSnapshot> Join(RideJoin join)
    {
        var route = RequireRoute();
        if (join.Role == RideRole.Leader)
        {
            if (!LeaderKeys.Matches(join.LeaderKey, route.LeaderKeyHash))
            {
                throw new RideException(RideErrorCodes.InvalidLeaderKey, "The leader key does not match this route.");
            }
            await AcceptLeaderAsync(join.ConnectionId);
            return Snapshot();
        }
        if (join.ConnectionId != Ride.LeaderConnectionId && !Ride.Followers.ContainsKey(join.ConnectionId))
        {
            var follower = new RideFollower(RandomNumberGenerator.GetHexString(10, lowercase: true), join.DisplayName);
            Ride.Followers[join.ConnectionId] = follower;
            // Saved at once (joins are rare), so a ride taken over after a crash still counts this follower.
            await SaveFollowerOrForgetAsync(join.ConnectionId);
            await PublishAsync(new FollowerJoined(follower.FollowerId, follower.DisplayName, Ride.Followers.Count));
            await PublishAsync(new FollowersCount(Ride.Followers.Count));
        }
        return Snapshot();
    }

    /// <inheritdoc />
    public async Task<Position> UpdateLocation(string connectionId, PositionInput position)
    {
        RequireRoute();
        if (Ride.Status is RideStatus.Ended or RideStatus.Waiting)
        {
            throw new RideException(RideErrorCodes.RideEnded, "The ride is not live; the leader must join first.");
        }
        if (connectionId != Ride.LeaderConnectionId)
        {
            throw new RideException(RideErrorCodes.NotLeader, "Only the ride's leader may send positions.");
        }
        // A leader that sends is alive, whatever a pending grace timer assumed (for example after a reactivation).
        _leaderGraceTimer?.Dispose();
        _leaderGraceTimer = null;
        if (!(_leaderRateLimiter ??= new PerSecondLimit(_options.MaxUpdatesPerSecond)).TryTake())
        {
            throw new RideException(RideErrorCodes.RateLimited, $"At most {_options.MaxUpdatesPerSecond} position updates per second.");
        }
        var now = TimeProvider.GetUtcNow();
        if (PositionRules.Validate(position, now, _options.MaxFutureSkew) is { } problem)
        {
            throw new RideException(RideErrorCodes.InvalidPosition, problem);
        }
        if (Ride.NextSeq >= Ride.SeqReservedUntil)
        {
            Ride.SeqReservedUntil = Ride.NextSeq + SeqReservationBlock;
            await CheckpointAsync(force: true);
        }
        var accepted = new Position(position.Lat!.Value, position.Lng!.Value, position.Accuracy, position.Heading, position.Speed,
            position.Timestamp?.ToUniversalTime() ?? now, Ride.NextSeq++);
        Ride.LastPosition = accepted;
        Ride.Trail.Add(accepted);
        if (Ride.Trail.Count > _options.TrailLength)
        {
            Ride.Trail.RemoveRange(0, Ride.Trail.Count - _options.TrailLength);
        }
        _unsavedTrack.Add(accepted);
        _dirty = true;
        await PublishAsync(new LocationUpdated(accepted));
        return accepted;
    }

    /// <inheritdoc />
    public Task<Position?> GetLastPosition()
    {
        RequireRoute();
        return Task.FromResult(Ride.LastPosition);
    }

    /// <inheritdoc />
    public async Task Leave(string connectionId, bool connectionLost)
    {
        RequireRoute();
        if (Ride.Followers.Remove(connectionId, out var follower))
        {
            await CheckpointAsync(force: true);
            await PublishAsync(new FollowerLeft(follower.FollowerId, follower.DisplayName, Ride.Followers.Count));
            await PublishAsync(new FollowersCount(Ride.Followers.Count));
        }
        else if (connectionId == Ride.LeaderConnectionId && Ride.Status == RideStatus.Live)
        {
            if (connectionLost)
            {
                StartLeaderGraceTimer(connectionId);
            }
            else
            {
                await MarkLeaderOfflineAsync();
            }
        }
    }

    /// <inheritdoc />
    public async Task End(string connectionId)
    {
        RequireRoute();
        if (Ride.Status is RideStatus.Ended or RideStatus.Waiting)
        {
            throw new RideException(RideErrorCodes.RideEnded, "The ride is not live.");
        }
        if (connectionId != Ride.LeaderConnectionId)
        {
            throw new RideException(RideErrorCodes.NotLeader, "Only the ride's leader may end it.");
        }
        await EndRideAsync("leaderEnded");
    }

    /// <inheritdoc />
    public Task<RideLiveState> GetLiveState() =>
        Task.FromResult(_route is null
            ? new RideLiveState(RideStatus.Waiting, 0, null)
            : new RideLiveState(Ride.Status, Ride.Followers.Count, Ride.TrackId));

    /// <inheritdoc />
    public async Task Cancel(RideCancellation cancellation)
    {
        RequireRoute();
        // Told first, so that a follower sees why the ride ends rather than a bare rideEnded.
        await PublishAsync(new RideCancelled(cancellation.RideId, cancellation.Reason));
        if (cancellation.TrackId is { } trackId && trackId == Ride.TrackId && Ride.Status is RideStatus.Live or RideStatus.LeaderOffline)
        {
            await EndRideAsync("cancelled");
        }
    }

    /// <summary>Publishes a ride event. The broker being down (cluster mode) does not undo what the call did: the
    /// position or status change is kept and saved, followers catch up on reconnect from the trail.</summary>
    private async Task PublishAsync(RideEvent rideEvent)
    {
        try
        {
            await publisher.PublishAsync(Topic, rideEvent);
        }
        catch (GrainException ex) when (ex.Code == GrainErrorCodes.ServiceUnavailable)
        {
            logger.LogWarning("Ride {Code} could not publish {Event}: {Error}", GrainKey, rideEvent.GetType().Name, ex.Message);
        }
    }

    private RideRoute RequireRoute() =>
        _route ?? throw new RideException(RideErrorCodes.RideNotFound, $"No route has the access code {GrainKey}.");

    private async Task AcceptLeaderAsync(string connectionId)
    {
        _leaderGraceTimer?.Dispose();
        _abandonTimer?.Dispose();
        if (Ride.Followers.Remove(connectionId))
        {
            // A follower's connection took over the lead: it no longer counts as a follower.
            await PublishAsync(new FollowersCount(Ride.Followers.Count));
        }
        Ride.LeaderConnectionId = connectionId;
        switch (Ride.Status)
        {
            case RideStatus.Waiting or RideStatus.Ended:
                Ride.TrackId = Guid.NewGuid();
                Ride.Status = RideStatus.Live;
                Ride.LeaderOfflineSince = null;
                Ride.LastPosition = null;
                Ride.Trail.Clear();
                await store.StartRideAsync(Ride.TrackId.Value, _route!.Id, GrainKey, TimeProvider.GetUtcNow(), CancellationToken.None);
                StartCheckpoints();
                await CheckpointAsync(force: true);
                await PublishAsync(new RideStarted(Snapshot()));
                break;
            case RideStatus.LeaderOffline:
                Ride.Status = RideStatus.Live;
                Ride.LeaderOfflineSince = null;
                await CheckpointAsync(force: true);
                await PublishAsync(new LeaderOnline());
                break;
            default:
                _dirty = true;
                break;
        }
    }

    private void StartLeaderGraceTimer(string? leaderConnectionId)
    {
        _leaderGraceTimer?.Dispose();
        _leaderGraceTimer = RegisterGrainTimer(_ => OnLeaderGraceExpiredAsync(leaderConnectionId), _options.LeaderGracePeriod, Timeout.InfiniteTimeSpan);
    }

    private async Task OnLeaderGraceExpiredAsync(string? leaderConnectionId)
    {
        if (Ride.Status == RideStatus.Live && Ride.LeaderConnectionId == leaderConnectionId)
        {
            await MarkLeaderOfflineAsync();
        }
    }

    private async Task MarkLeaderOfflineAsync()
    {
        Ride.Status = RideStatus.LeaderOffline;
        Ride.LeaderConnectionId = null;
        Ride.LeaderOfflineSince = TimeProvider.GetUtcNow();
        StartAbandonTimer();
        await CheckpointAsync(force: true);
        await PublishAsync(new LeaderOffline(Ride.LeaderOfflineSince.Value));
    }

    private void StartAbandonTimer()
    {
        _abandonTimer?.Dispose();
        var remaining = _options.AbandonAfter - (TimeProvider.GetUtcNow() - (Ride.LeaderOfflineSince ?? TimeProvider.GetUtcNow()));
        _abandonTimer = RegisterGrainTimer(async _ =>
        {
            if (Ride.Status == RideStatus.LeaderOffline)
            {
                await EndRideAsync("leaderTimeout");
            }
        }, remaining > TimeSpan.Zero ? remaining : TimeSpan.Zero, Timeout.InfiniteTimeSpan);
    }

    private async Task EndRideAsync(string reason)
    {
        Ride.Status = RideStatus.Ended;
        Ride.LeaderConnectionId = null;
        _leaderGraceTimer?.Dispose();
        _abandonTimer?.Dispose();
        _checkpointTimer?.Dispose();
        _trackTimer?.Dispose();
        await CheckpointAsync(force: true);
        await store.EndRideAsync(Ride.TrackId!.Value, TimeProvider.GetUtcNow(), reason, CancellationToken.None);
        await PublishAsync(new RideEnded(reason));
    }

    private RideSnapshot Snapshot() => new(
        GrainKey, _route!.Id, _route.Name, Ride.Status, Ride.LastPosition, [.. Ride.Trail], Ride.Followers.Count, Ride.LeaderOfflineSince);
}
