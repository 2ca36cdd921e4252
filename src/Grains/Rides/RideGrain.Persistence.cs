using Microsoft.Extensions.Logging;
using OrleansRides.GrainInterfaces.Rides;
using OrleansRides.Runtime;
using OrleansRides.Runtime.Persistence;
using OrleansRides.Runtime.Storage;

namespace OrleansRides.Grains.Rides;

// What a ride saves, and how it continues after a crash: the track every TrackFlushInterval, the state every
// CheckpointInterval and on every change that must survive (decisions 6, 25, 55, 56); the trail is rebuilt from the
// track (decision 170).
public sealed partial class RideGrain
{
    /// <summary>The trail is not in the checkpoint (decision 170): it is the track's last
    /// <see cref="RideOptions.TrailLength"/> points, which end at most <see cref="RideOptions.TrackFlushInterval"/> before a
    /// crash, and the position the ride continues from is the later of the checkpoint's and the track's last.</summary>
    private async Task LoadTrailFromTrackAsync(CancellationToken cancellationToken)
    {
        if (Ride.TrackId is not { } trackId)
        {
            return;
        }
        var saved = await store.LoadTrackAfterAsync(trackId, afterSeq: 0, _options.TrailLength, cancellationToken);
        Ride.Trail.Clear();
        Ride.Trail.AddRange(saved);
        if (saved.Count > 0 && saved[^1].Seq > (Ride.LastPosition?.Seq ?? 0))
        {
            Ride.LastPosition = saved[^1];
            _dirty = true;
        }
    }

    private async Task SaveFollowerOrForgetAsync(string connectionId)
    {
        try
        {
            await CheckpointAsync(force: true);
        }
        catch (Exception ex) when (PostgresErrors.IsDataError(ex))
        {
            // Only the new follower changed since the last good save: drop it, so its bad content can never block the
            // ride's later saves, and tell that joiner alone.
            Ride.Followers.Remove(connectionId);
            persistenceMetrics.RowRejected("grain_state");
            logger.LogWarning("Ride {Code} refused follower {Connection}: PostgreSQL refused its content ({Error})", GrainKey, connectionId, ex.Message);
            throw new RideException(RideErrorCodes.InvalidRequest, "The join contains a value that cannot be stored.");
        }
    }

    private void StartCheckpoints()
    {
        _checkpointTimer?.Dispose();
        _trackTimer?.Dispose();
        // Every ride of the process flushes at the same instant of each interval, so their appends meet in one group
        // commit (a few statements per second instead of one per ride, decision 172); the first flush comes within one
        // interval, as before.
        var interval = _options.TrackFlushInterval;
        var untilAligned = interval - TimeSpan.FromTicks(TimeProvider.GetUtcNow().UtcTicks % interval.Ticks);
        _trackTimer = RegisterGrainTimer(_ => FlushTrackOrKeepAsync(), untilAligned, interval);
        // The first save at a random point of the first interval: rides started together would otherwise save together
        // every interval and queue their positions behind each other's writes (seen as p99 spikes in bench/run rides).
        var firstSave = _options.CheckpointInterval * Random.Shared.NextDouble();
        _checkpointTimer = RegisterGrainTimer(_ => CheckpointAsync(force: false), firstSave, _options.CheckpointInterval);
    }

    /// <summary>Appends the positions accepted since the last append. On failure they stay queued for the next tick, so
    /// a PostgreSQL outage delays the track rather than losing it (while this activation lives).</summary>
    private async Task FlushTrackAsync()
    {
        if (_unsavedTrack.Count > 0 && Ride.TrackId is { } trackId)
        {
            await store.AppendTrackAsync(trackId, _unsavedTrack, CancellationToken.None);
            _unsavedTrack.Clear();
        }
    }

    private async Task FlushTrackOrKeepAsync()
    {
        try
        {
            await FlushTrackAsync();
        }
        catch (Exception ex) when (PostgresErrors.IsUnavailable(ex))
        {
            logger.LogWarning("Ride {Code} could not append {Count} track points yet: {Error}", GrainKey, _unsavedTrack.Count, ex.Message);
        }
        catch (Exception ex) when (PostgresErrors.IsDataError(ex))
        {
            // Validation lets no such point through; should one slip past, it must not block every later save.
            persistenceMetrics.RowRejected("ride_track_points");
            logger.LogWarning("Ride {Code} dropped {Count} track points PostgreSQL refused: {Error}", GrainKey, _unsavedTrack.Count, ex.Message);
            _unsavedTrack.Clear();
        }
    }

    /// <summary>Appends unsaved track points, then saves the state (track first, so a saved state never refers to
    /// points that were not stored).</summary>
    private async Task CheckpointAsync(bool force)
    {
        await FlushTrackAsync();
        if (_dirty || force)
        {
            try
            {
                await state.WriteStateAsync();
                _dirty = false;
            }
            catch (InconsistentStateException ex)
            {
                // Another activation wrote since we read (a hand-over raced us): ours is stale. Deactivate so that the
                // next call reactivates from the stored state. What this call changed lived only in this activation and
                // goes with it, so the caller may simply retry: say so with the runtime's retryable code.
                DeactivateOnIdle();
                throw new RideException(GrainErrorCodes.NotOwner, $"This ride moved while the call ran; retry. ({ex.Message})");
            }
        }
    }
}
