using Dapper;
using OrleansRides.GrainInterfaces.Rides;
using OrleansRides.Grains.Rides;
using OrleansRides.Tests.Shared;

namespace OrleansRides.Grains.Tests;

[Collection(PostgresCollection.Name)]
public sealed class RideGrainTests(TestDatabase database)
{
    private readonly ManualTimeProvider _clock = new();

    private static PositionInput At(double lat, double lng) => new(lat, lng, 5, 90, 4.2, null);

    [Fact]
    public async Task An_unknown_access_code_is_RIDE_NOT_FOUND()
    {
        await using var harness = await RideHarness.StartAsync(database.DataSource, _clock,
            route: new RouteRecord(Guid.NewGuid(), "ZZZZZZ", "nope"));

        var error = await Assert.ThrowsAsync<RideException>(() => harness.Ride.Join(new RideJoin("c1", RideRole.Follower, null, null)));

        Assert.Equal(RideErrorCodes.RideNotFound, error.Code);
    }

    [Fact]
    public async Task A_wrong_leader_key_cannot_lead_and_a_follower_cannot_send_positions()
    {
        await using var harness = await RideHarness.StartAsync(database.DataSource, _clock);

        var wrongKey = await Assert.ThrowsAsync<RideException>(() =>
            harness.Ride.Join(new RideJoin("impostor", RideRole.Leader, "not-the-key", null)));
        var missingKey = await Assert.ThrowsAsync<RideException>(() =>
            harness.Ride.Join(new RideJoin("impostor", RideRole.Leader, null, null)));
        await harness.Ride.Join(new RideJoin("follower", RideRole.Follower, null, null));
        await harness.JoinLeaderAsync();
        var notLeader = await Assert.ThrowsAsync<RideException>(() => harness.Ride.UpdateLocation("follower", At(48.1, 9.1)));

        Assert.Equal(RideErrorCodes.InvalidLeaderKey, wrongKey.Code);
        Assert.Equal(RideErrorCodes.InvalidLeaderKey, missingKey.Code);
        Assert.Equal(RideErrorCodes.NotLeader, notLeader.Code);
        Assert.Null(await harness.Ride.GetLastPosition());
    }

    [Fact]
    public async Task Followers_wait_in_the_lobby_until_the_leader_starts_the_ride()
    {
        await using var harness = await RideHarness.StartAsync(database.DataSource, _clock);

        var lobby = await harness.Ride.Join(new RideJoin("f1", RideRole.Follower, null, "Ann"));
        await harness.JoinLeaderAsync();

        Assert.Equal(RideStatus.Waiting, lobby.Status);
        Assert.Equal(1, lobby.FollowerCount);
        var joined = await harness.EventAsync<FollowerJoined>();
        Assert.Equal(("Ann", 1), (joined.DisplayName, joined.FollowerCount));
        var started = await harness.EventAsync<RideStarted>();
        Assert.Equal(RideStatus.Live, started.Snapshot.Status);
        Assert.Equal(harness.Route.Id, started.Snapshot.RouteId);
    }

    [Fact]
    public async Task Positions_get_increasing_sequence_numbers_and_the_trail_keeps_only_the_latest()
    {
        await using var harness = await RideHarness.StartAsync(database.DataSource, _clock, o => o.TrailLength = 5);
        await harness.JoinLeaderAsync();

        for (var i = 0; i < 12; i++)
        {
            await harness.Ride.UpdateLocation("leader-1", At(48 + i * 0.001, 9));
        }
        var snapshot = await harness.Ride.Join(new RideJoin("late", RideRole.Follower, null, null));

        Assert.Equal(Enumerable.Range(8, 5).Select(i => (long)i), snapshot.Trail.Select(p => p.Seq));
        Assert.Equal(12, snapshot.LastPosition!.Seq);
        Assert.Equal(48.011, snapshot.LastPosition.Lat, 9);
        Assert.Equal(_clock.GetUtcNow(), snapshot.LastPosition.Timestamp);
        await harness.WaitForAsync<LocationUpdated>(e => e.Position.Seq == 12);
        var published = harness.Events.OfType<LocationUpdated>().Select(e => e.Position.Seq);
        Assert.Equal(Enumerable.Range(1, 12).Select(i => (long)i), published);
    }

    public static TheoryData<PositionInput> InvalidPositions() => new()
    {
        new PositionInput(null, 9, null, null, null, null),
        new PositionInput(48, null, null, null, null, null),
        new PositionInput(double.NaN, 9, null, null, null, null),
        new PositionInput(48, double.PositiveInfinity, null, null, null, null),
        new PositionInput(90.0001, 9, null, null, null, null),
        new PositionInput(48, -180.5, null, null, null, null),
        new PositionInput(48, 9, -1, null, null, null),
        new PositionInput(48, 9, null, 360.5, null, null),
        new PositionInput(48, 9, null, null, -0.1, null),
        new PositionInput(48, 9, null, null, 200, null),
        new PositionInput(48, 9, null, null, null, new DateTimeOffset(2026, 11, 22, 9, 0, 0, TimeSpan.Zero)),
    };

    [Theory]
    [MemberData(nameof(InvalidPositions))]
    public async Task Invalid_positions_are_rejected_without_changing_the_ride(PositionInput invalid)
    {
        await using var harness = await RideHarness.StartAsync(database.DataSource, _clock);
        await harness.JoinLeaderAsync();
        await harness.Ride.UpdateLocation("leader-1", At(48, 9));

        var error = await Assert.ThrowsAsync<RideException>(() => harness.Ride.UpdateLocation("leader-1", invalid));
        var next = await harness.Ride.UpdateLocation("leader-1", At(48.001, 9));

        Assert.Equal(RideErrorCodes.InvalidPosition, error.Code);
        Assert.Equal(2, next.Seq);
        await harness.WaitForAsync<LocationUpdated>(e => e.Position.Seq == 2);
        Assert.Equal([1L, 2L], harness.Events.OfType<LocationUpdated>().Select(e => e.Position.Seq));
    }

    [Fact]
    public async Task A_leader_beyond_the_rate_limit_gets_RATE_LIMITED()
    {
        await using var harness = await RideHarness.StartAsync(database.DataSource, _clock, o => o.MaxUpdatesPerSecond = 5);
        await harness.JoinLeaderAsync();

        var outcomes = new List<string>();
        for (var i = 0; i < 20; i++)
        {
            try
            {
                await harness.Ride.UpdateLocation("leader-1", At(48, 9));
                outcomes.Add("ok");
            }
            catch (RideException ex)
            {
                outcomes.Add(ex.Code);
            }
        }

        Assert.Equal(["ok", "ok", "ok", "ok", "ok"], outcomes.Take(5));
        Assert.InRange(outcomes.Count(o => o == RideErrorCodes.RateLimited), 12, 15);
    }

    [Fact]
    public async Task A_dropped_leader_is_shown_offline_after_the_grace_period_and_can_rejoin()
    {
        await using var harness = await RideHarness.StartAsync(database.DataSource, _clock, o => o.LeaderGracePeriod = TimeSpan.FromSeconds(30));
        await harness.JoinLeaderAsync();
        await harness.Ride.UpdateLocation("leader-1", At(48, 9));

        await harness.Ride.Leave("leader-1", connectionLost: true);
        _clock.Advance(TimeSpan.FromSeconds(29));
        await harness.Ride.GetLastPosition();
        Assert.Empty(harness.Events.OfType<LeaderOffline>());

        _clock.Advance(TimeSpan.FromSeconds(2));
        var offline = await harness.EventAsync<LeaderOffline>();
        // The timer fires at 30 s; its turn may run once Advance has reached 31 s.
        Assert.InRange(offline.Since, _clock.GetUtcNow() - TimeSpan.FromSeconds(1), _clock.GetUtcNow());
        var stale = await Assert.ThrowsAsync<RideException>(() => harness.Ride.UpdateLocation("leader-1", At(48, 9)));
        Assert.Equal(RideErrorCodes.NotLeader, stale.Code);

        var back = await harness.Ride.Join(new RideJoin("leader-2", RideRole.Leader, harness.Route.LeaderKey, null));
        await harness.EventAsync<LeaderOnline>();
        Assert.Equal(RideStatus.Live, back.Status);
        Assert.Equal(2, (await harness.Ride.UpdateLocation("leader-2", At(48.1, 9))).Seq);
    }

    [Fact]
    public async Task A_leader_who_reconnects_within_the_grace_period_is_never_shown_offline()
    {
        await using var harness = await RideHarness.StartAsync(database.DataSource, _clock);
        await harness.JoinLeaderAsync();

        await harness.Ride.Leave("leader-1", connectionLost: true);
        _clock.Advance(TimeSpan.FromSeconds(10));
        await harness.JoinLeaderAsync("leader-1b");
        _clock.Advance(TimeSpan.FromMinutes(2));
        await harness.Ride.UpdateLocation("leader-1b", At(48, 9));

        Assert.Empty(harness.Events.OfType<LeaderOffline>());
    }

    [Fact]
    public async Task A_leader_offline_longer_than_the_abandon_time_ends_the_ride()
    {
        await using var harness = await RideHarness.StartAsync(database.DataSource, _clock, o =>
        {
            o.LeaderGracePeriod = TimeSpan.FromSeconds(30);
            o.AbandonAfter = TimeSpan.FromMinutes(10);
        });
        await harness.JoinLeaderAsync();

        await harness.Ride.Leave("leader-1", connectionLost: false);
        await harness.EventAsync<LeaderOffline>();
        _clock.Advance(TimeSpan.FromMinutes(11));

        Assert.Equal("leaderTimeout", (await harness.EventAsync<RideEnded>()).Reason);
    }

    [Fact]
    public async Task A_follower_who_leaves_is_announced_to_the_leader_with_the_new_count()
    {
        await using var harness = await RideHarness.StartAsync(database.DataSource, _clock);
        await harness.JoinLeaderAsync();
        await harness.Ride.Join(new RideJoin("f1", RideRole.Follower, null, "Ann"));
        await harness.Ride.Join(new RideJoin("f2", RideRole.Follower, null, "Bob"));

        await harness.Ride.Leave("f1", connectionLost: true);

        var left = await harness.EventAsync<FollowerLeft>();
        Assert.Equal(("Ann", 1), (left.DisplayName, left.FollowerCount));
        Assert.Equal(1, harness.Events.OfType<FollowersCount>().Last().Count);
    }

    [Fact]
    public async Task Ending_the_ride_saves_the_whole_track_and_stops_updates()
    {
        await using var harness = await RideHarness.StartAsync(database.DataSource, _clock, o =>
        {
            o.TrailLength = 10;
            o.MaxUpdatesPerSecond = 1000;
        });
        await harness.JoinLeaderAsync();
        for (var i = 0; i < 30; i++)
        {
            await harness.Ride.UpdateLocation("leader-1", At(48 + i * 0.0005, 9.2));
        }

        await harness.Ride.End("leader-1");

        Assert.Equal("leaderEnded", (await harness.EventAsync<RideEnded>()).Reason);
        var ended = await Assert.ThrowsAsync<RideException>(() => harness.Ride.UpdateLocation("leader-1", At(48, 9)));
        Assert.Equal(RideErrorCodes.RideEnded, ended.Code);
        await using var connection = await database.DataSource.OpenConnectionAsync();
        var ride = await connection.QuerySingleAsync<(string Reason, int Points, bool Ended)>(
            "SELECT end_reason, point_count, ended_at IS NOT NULL FROM ride_tracks WHERE route_id = @Id", new { harness.Route.Id });
        Assert.Equal(("leaderEnded", 30, true), ride);
        var seqs = await connection.QueryAsync<long>(
            "SELECT p.seq FROM ride_track_points p JOIN ride_tracks r ON r.id = p.track_id WHERE r.route_id = @Id ORDER BY p.seq", new { harness.Route.Id });
        Assert.Equal(Enumerable.Range(1, 30).Select(i => (long)i), seqs);
    }

    [Fact]
    public async Task A_deactivated_ride_reactivates_from_its_saved_state_and_keeps_counting()
    {
        var route = await LeadThenDeactivateAsync(positions: 7);

        await using var second = await RideHarness.StartAsync(database.DataSource, _clock, route: route);
        var last = await second.Ride.GetLastPosition();
        await second.JoinLeaderAsync("leader-1");
        var next = await second.Ride.UpdateLocation("leader-1", At(48.5, 9));

        Assert.Equal(7, last!.Seq);
        Assert.Equal(8, next.Seq);
        Assert.Empty(second.Events.OfType<RideStarted>());
    }

    [Fact]
    public async Task A_follower_connection_that_takes_the_lead_stops_counting_as_a_follower()
    {
        await using var harness = await RideHarness.StartAsync(database.DataSource, _clock);
        await harness.Ride.Join(new RideJoin("f1", RideRole.Follower, null, null));
        await harness.Ride.Join(new RideJoin("f2", RideRole.Follower, null, null));

        var snapshot = await harness.Ride.Join(new RideJoin("f1", RideRole.Leader, harness.Route.LeaderKey, null));

        Assert.Equal(1, snapshot.FollowerCount);
        await harness.WaitForAsync<FollowersCount>(e => e.Count == 1 && harness.Events.OfType<FollowersCount>().Count() == 3);
        Assert.Equal(1, (await harness.Ride.UpdateLocation("f1", At(48, 9))).Seq);
    }

    [Fact]
    public async Task After_a_reactivation_the_connected_leader_keeps_sending_without_rejoining_and_stays_online()
    {
        var route = await LeadThenDeactivateAsync(positions: 1);

        await using var second = await RideHarness.StartAsync(database.DataSource, _clock, route: route);
        Assert.Equal(2, (await second.Ride.UpdateLocation("leader-1", At(48.001, 9))).Seq);
        _clock.Advance(TimeSpan.FromSeconds(31));
        await second.Ride.UpdateLocation("leader-1", At(48.002, 9));

        Assert.Empty(second.Events.OfType<LeaderOffline>());
    }

    [Fact]
    public async Task After_a_crash_the_ride_continues_above_every_sequence_number_already_published()
    {
        await using var crashed = await RideHarness.StartAsync(database.DataSource, _clock);
        await crashed.JoinLeaderAsync();
        for (var i = 0; i < 7; i++)
        {
            await crashed.Ride.UpdateLocation("leader-1", At(48 + i * 0.001, 9));
        }

        // A second runtime over the same database stands in for the silo that takes over: the first never saved again.
        await using var successor = await RideHarness.StartAsync(database.DataSource, _clock, route: crashed.Route);
        var next = await successor.Ride.UpdateLocation("leader-1", At(48.5, 9));

        Assert.True(next.Seq > 7, $"seq {next.Seq} reuses a published number");
    }

    [Fact]
    public async Task After_a_crash_the_trail_continues_from_the_track_saved_within_the_last_flush_interval()
    {
        // A checkpoint interval of weeks: only the 1 s track flush can have saved these positions.
        void Options(RideOptions o) => o.CheckpointInterval = TimeSpan.FromDays(30);
        await using var crashed = await RideHarness.StartAsync(database.DataSource, _clock, Options);
        await crashed.JoinLeaderAsync();
        for (var i = 0; i < 10; i++)
        {
            await crashed.Ride.UpdateLocation("leader-1", At(48 + i * 0.001, 9));
        }
        _clock.Advance(TimeSpan.FromSeconds(1));
        await Eventually.TrueAsync(async () => await TrackCountAsync(crashed.Route) == 10, "the track flush");
        for (var i = 0; i < 3; i++)
        {
            await crashed.Ride.UpdateLocation("leader-1", At(49 + i * 0.001, 9));
        }

        await using var successor = await RideHarness.StartAsync(database.DataSource, _clock, Options, crashed.Route);
        var snapshot = await successor.Ride.Join(new RideJoin("follower-1", RideRole.Follower, null, null));
        var next = await successor.Ride.UpdateLocation("leader-1", At(48.5, 9));

        Assert.Equal(10, snapshot.LastPosition?.Seq);
        Assert.Equal(Enumerable.Range(1, 10).Select(i => (long)i), snapshot.Trail.Select(p => p.Seq));
        Assert.True(next.Seq > 13, $"seq {next.Seq} reuses a published number");
    }

    [Fact]
    public async Task A_ride_started_within_a_second_flushes_its_track_at_the_next_whole_second_as_every_ride_does()
    {
        // Started 0.4 s into a second: its first flush is at the next whole second, 0.6 s later, not 1 s after its
        // start, so that every ride's append meets the others' in one group commit (decision 172).
        var clock = new ManualTimeProvider(new DateTimeOffset(2026, 11, 22, 8, 0, 0, 400, TimeSpan.Zero));
        void Options(RideOptions o) => o.CheckpointInterval = TimeSpan.FromDays(30);
        await using var harness = await RideHarness.StartAsync(database.DataSource, clock, Options);
        await harness.JoinLeaderAsync();
        await harness.Ride.UpdateLocation("leader-1", At(48, 9));

        clock.Advance(TimeSpan.FromMilliseconds(600));
        await Eventually.TrueAsync(async () => await TrackCountAsync(harness.Route) == 1, "the flush at 08:00:01");
        await harness.Ride.UpdateLocation("leader-1", At(48.001, 9));
        clock.Advance(TimeSpan.FromSeconds(1));
        await Eventually.TrueAsync(async () => await TrackCountAsync(harness.Route) == 2, "the flush at 08:00:02");
    }

    [Fact]
    public async Task A_follower_name_postgres_refuses_fails_that_join_alone_and_the_ride_keeps_saving()
    {
        await using var ride = await RideHarness.StartAsync(database.DataSource, _clock);
        await ride.JoinLeaderAsync();

        var refused = await Assert.ThrowsAsync<RideException>(() => ride.Ride.Join(new RideJoin("bad", RideRole.Follower, null, "x\u0000")));
        var joined = await ride.Ride.Join(new RideJoin("good", RideRole.Follower, null, "Good"));
        await ride.Ride.End("leader-1");

        Assert.Equal(RideErrorCodes.InvalidRequest, refused.Code);
        Assert.Equal(1, joined.FollowerCount);
        await ride.EventAsync<RideEnded>();
    }

    [Fact]
    public async Task The_checkpoint_carries_no_trail_and_the_next_activation_rebuilds_it_from_the_track()
    {
        var route = await LeadThenDeactivateAsync(positions: 12);
        await using (var connection = await database.DataSource.OpenConnectionAsync())
        {
            var payload = await connection.ExecuteScalarAsync<string>(
                "SELECT payload::text FROM grain_state WHERE grain_key = @AccessCode", new { route.AccessCode });
            Assert.NotNull(payload);
            Assert.DoesNotContain("\"trail\"", payload, StringComparison.OrdinalIgnoreCase);
        }

        await using var successor = await RideHarness.StartAsync(database.DataSource, _clock, route: route);
        var snapshot = await successor.Ride.Join(new RideJoin("follower-1", RideRole.Follower, null, null));

        Assert.Equal(Enumerable.Range(1, 12).Select(i => (long)i), snapshot.Trail.Select(p => p.Seq));
        Assert.Equal(12, snapshot.LastPosition?.Seq);
    }

    private async Task<long> TrackCountAsync(RouteRecord route)
    {
        await using var connection = await database.DataSource.OpenConnectionAsync();
        return await connection.ExecuteScalarAsync<long>(
            "SELECT count(*) FROM ride_track_points p JOIN ride_tracks r ON r.id = p.track_id WHERE r.route_id = @Id", new { route.Id });
    }

    /// <summary>A ride led by <c>leader-1</c> for <paramref name="positions"/> positions, then deactivated (state saved).</summary>
    private async Task<RouteRecord> LeadThenDeactivateAsync(int positions)
    {
        await using var first = await RideHarness.StartAsync(database.DataSource, _clock);
        await first.JoinLeaderAsync();
        for (var i = 0; i < positions; i++)
        {
            await first.Ride.UpdateLocation("leader-1", At(48 + i * 0.001, 9));
        }
        await first.DeactivateAllAsync();
        return first.Route;
    }
}
