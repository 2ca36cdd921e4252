using OrleansRides.Runtime;
using OrleansRides.Runtime.Persistence;
using OrleansRides.Tests.Shared;

namespace OrleansRides.Runtime.Tests;

public sealed class GrainRuntimeTests
{
    [Fact]
    public async Task Reference_is_usable_at_once_and_the_first_call_activates_exactly_once()
    {
        await using var runtime = new TestRuntime();
        var grain = runtime.Factory.GetGrain<ITestGrain>("a");

        Assert.Empty(runtime.Recorder.Activations);
        Assert.Equal(1, await grain.Increment());
        Assert.Equal(2, await runtime.Factory.GetGrain<ITestGrain>("a").Increment());
        Assert.Equal(3, await grain.Increment());

        Assert.Equal(1, runtime.Recorder.Activations["a"]);
        Assert.Equal(1, runtime.Catalog.Count);
    }

    [Fact]
    public async Task A_call_that_releases_its_turn_lets_later_calls_run_and_still_gets_its_own_result()
    {
        await using var runtime = new TestRuntime();
        var grain = runtime.Factory.GetGrain<ITestGrain>("released");

        var first = grain.IncrementThenWaitOutsideTurn();
        // These queue behind the first call; they can only run because it released its turn.
        Assert.Equal(2, await grain.Increment());
        Assert.Equal(3, await grain.Increment());
        Assert.False(first.IsCompleted);

        runtime.Recorder.Gate.SetResult();
        Assert.Equal(1, await first);
    }

    [Fact]
    public async Task Different_keys_are_different_activations()
    {
        await using var runtime = new TestRuntime();
        await runtime.Factory.GetGrain<ITestGrain>("x").Increment();
        await runtime.Factory.GetGrain<ITestGrain>("x").Increment();

        Assert.Equal(1, await runtime.Factory.GetGrain<ITestGrain>("y").Increment());
        Assert.Equal(2, runtime.Catalog.Count);
    }

    [Fact]
    public async Task A_thousand_concurrent_calls_to_one_grain_never_interleave()
    {
        await using var runtime = new TestRuntime();
        var grain = runtime.Factory.GetGrain<ITestGrain>("busy");

        await Task.WhenAll(Enumerable.Range(0, 1000).Select(_ => Task.Run(() => grain.Probe())));

        Assert.Equal(1000, runtime.Recorder.ProbeCalls);
        Assert.Equal(1, runtime.Recorder.MaxInFlight);
    }

    [Fact]
    public async Task Calls_from_one_caller_run_in_arrival_order()
    {
        await using var runtime = new TestRuntime();
        var grain = runtime.Factory.GetGrain<ITestGrain>("ordered");

        await Task.WhenAll(Enumerable.Range(0, 1000).Select(grain.Append));

        Assert.Equal(Enumerable.Range(0, 1000), await grain.Appended());
    }

    [Fact]
    public async Task A_grain_that_throws_does_not_poison_later_calls()
    {
        await using var runtime = new TestRuntime();
        var grain = runtime.Factory.GetGrain<ITestGrain>("thrower");
        await grain.Increment();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(grain.Fail);

        Assert.Equal("deliberate failure", error.Message);
        Assert.Equal(2, await grain.Increment());
        Assert.Equal(1, runtime.Recorder.Activations["thrower"]);
    }

    [Fact]
    public async Task A_call_past_its_deadline_fails_with_a_timeout_and_the_grain_stays_usable()
    {
        await using var runtime = new TestRuntime(callTimeout: TimeSpan.FromMilliseconds(200));
        var grain = runtime.Factory.GetGrain<ITestGrain>("slow");

        var error = await Assert.ThrowsAsync<GrainCallTimeoutException>(() => grain.Hang(TimeSpan.FromMilliseconds(1500)));

        Assert.Equal("GRAIN_CALL_TIMEOUT", error.Code);
        Assert.Contains("ITestGrain.Hang", error.Message);
        await Eventually.TrueAsync(() => Answers(grain.Increment()), "the grain answers again");
    }

    [Fact]
    public async Task A_call_whose_deadline_passed_while_queued_is_dropped_not_run()
    {
        await using var runtime = new TestRuntime(callTimeout: TimeSpan.FromMilliseconds(200));
        var grain = runtime.Factory.GetGrain<ITestGrain>("queued");
        var hang = grain.Hang(TimeSpan.FromMilliseconds(1500));
        var queued = grain.Increment();

        await Assert.ThrowsAsync<GrainCallTimeoutException>(() => hang);
        await Assert.ThrowsAsync<GrainCallTimeoutException>(() => queued);

        await Eventually.TrueAsync(() => Answers(grain.Get()), "the grain answers again");
        Assert.Equal(0, await grain.Get());
    }

    [Fact]
    public async Task Timer_ticks_run_as_turns_and_never_overlap_calls()
    {
        await using var runtime = new TestRuntime();
        var grain = runtime.Factory.GetGrain<ITestGrain>("ticking");
        await grain.StartTimer(TimeSpan.FromMilliseconds(1));

        // Bounded by time, not by rounds: on a fast machine 200 rounds of probes finish before a 1 ms timer has
        // ticked five times.
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (Volatile.Read(ref runtime.Recorder.TimerTicks) < 5 && DateTime.UtcNow < deadline)
        {
            await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => grain.Probe()));
        }

        Assert.True(runtime.Recorder.TimerTicks >= 5, $"only {runtime.Recorder.TimerTicks} ticks");
        Assert.Equal(1, runtime.Recorder.MaxInFlight);
    }

    [Fact]
    public async Task An_idle_activation_is_deactivated_and_reactivates_with_its_saved_state()
    {
        var clock = new ManualTimeProvider();
        await using var runtime = new TestRuntime(clock, idleAge: TimeSpan.FromMinutes(5));
        var grain = runtime.Factory.GetGrain<ITestGrain>("sleepy");
        await grain.Increment();
        await grain.Increment();

        clock.Advance(TimeSpan.FromMinutes(4));
        Assert.Equal(0, runtime.Catalog.CollectIdle());
        clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(1, runtime.Catalog.CollectIdle());
        await Eventually.TrueAsync(() => runtime.Catalog.Count == 0, "the activation leaves the catalog");

        Assert.Equal(1, runtime.Recorder.Deactivations["sleepy"]);
        Assert.Equal([DeactivationReason.Idle], runtime.Recorder.DeactivationReasons);
        Assert.Equal(2, await grain.Get());
        Assert.Equal(2, runtime.Recorder.Activations["sleepy"]);
    }

    [Fact]
    public async Task DelayDeactivation_holds_off_idle_collection_until_it_ends_or_is_cancelled()
    {
        var clock = new ManualTimeProvider();
        await using var runtime = new TestRuntime(clock, idleAge: TimeSpan.FromMinutes(5));
        var held = runtime.Factory.GetGrain<ITestGrain>("held");
        var forever = runtime.Factory.GetGrain<ITestGrain>("forever");
        await held.KeepAlive(TimeSpan.FromMinutes(20));
        await forever.KeepAlive(TimeSpan.MaxValue);

        clock.Advance(TimeSpan.FromMinutes(10));
        Assert.Equal(0, runtime.Catalog.CollectIdle());
        clock.Advance(TimeSpan.FromMinutes(11));
        Assert.Equal(1, runtime.Catalog.CollectIdle());
        await Eventually.TrueAsync(() => runtime.Catalog.Count == 1, "only the held activation leaves");
        await forever.KeepAlive(TimeSpan.FromSeconds(-1));
        clock.Advance(TimeSpan.FromMinutes(6));
        Assert.Equal(1, runtime.Catalog.CollectIdle());
    }

    [Fact]
    public async Task Calls_queued_behind_a_deactivation_reach_the_next_activation_after_it_saved()
    {
        await using var runtime = new TestRuntime();
        var grain = runtime.Factory.GetGrain<ITestGrain>("handoff");
        await grain.Increment();

        var deactivate = grain.Deactivate();
        var afterwards = Enumerable.Range(0, 50).Select(_ => grain.Increment()).ToArray();
        await deactivate;
        var values = await Task.WhenAll(afterwards);

        Assert.Equal(Enumerable.Range(2, 50), values.Order());
        Assert.Equal(51, await grain.Get());
    }

    [Fact]
    public async Task A_failed_activation_fails_the_call_and_the_next_call_activates_again()
    {
        await using var runtime = new TestRuntime();
        var grain = runtime.Factory.GetGrain<IFlakyActivationGrain>("flaky");

        var error = await Assert.ThrowsAsync<InvalidOperationException>(grain.Ping);
        Assert.Equal("first activation fails", error.Message);

        await Eventually.TrueAsync(() => runtime.Catalog.Count == 0, "the failed activation is removed");
        Assert.Equal("pong", await grain.Ping());
        Assert.Equal(2, runtime.Recorder.Activations["flaky"]);
    }

    [Fact]
    public async Task A_grain_that_never_activates_fails_every_call_without_retrying_forever()
    {
        await using var runtime = new TestRuntime(callTimeout: TimeSpan.FromSeconds(5));
        var grain = runtime.Factory.GetGrain<IBrokenActivationGrain>("broken");

        for (var i = 0; i < 20; i++)
        {
            var error = await Assert.ThrowsAsync<InvalidOperationException>(grain.Ping);
            Assert.Equal("never activates", error.Message);
        }
        await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => Assert.ThrowsAsync<InvalidOperationException>(grain.Ping)));
    }

    [Fact]
    public async Task Shutdown_deactivates_every_activation_and_saves_state()
    {
        await using var runtime = new TestRuntime();
        foreach (var key in new[] { "s1", "s2", "s3" })
        {
            await runtime.Factory.GetGrain<ITestGrain>(key).Increment();
        }

        await runtime.Catalog.DeactivateAllAsync(CancellationToken.None);

        Assert.Equal(0, runtime.Catalog.Count);
        foreach (var key in new[] { "s1", "s2", "s3" })
        {
            var stored = await runtime.Storage.ReadAsync(new GrainId("test", key), CancellationToken.None);
            Assert.Equal("""{"count":1}""", stored!.Json);
        }
    }

    [Fact]
    public async Task ValueTask_methods_are_supported()
    {
        await using var runtime = new TestRuntime();
        Assert.Equal("hello", await runtime.Factory.GetGrain<ITestGrain>("v").Echo("hello"));
    }

    [Fact]
    public async Task Asking_for_an_unregistered_grain_interface_fails_clearly()
    {
        await using var runtime = new TestRuntime();
        var error = Assert.Throws<InvalidOperationException>(() => runtime.Factory.GetGrain<IUnregisteredGrain>("k"));
        Assert.Contains("IUnregisteredGrain", error.Message);
        Assert.Throws<ArgumentException>(() => runtime.Factory.GetGrain<ITestGrain>(""));
    }

    [Fact]
    public void Grain_type_names_come_from_interface_names()
    {
        Assert.Equal("ride", Activation.GrainTypeRegistry.TypeNameOf(typeof(IRideGrain)));
        Assert.Equal("chatroom", Activation.GrainTypeRegistry.TypeNameOf(typeof(IChatRoomGrain)));
        Assert.Equal("test", Activation.GrainTypeRegistry.TypeNameOf(typeof(ITestGrain)));
    }

    private static async Task<bool> Answers(Task call)
    {
        try
        {
            await call;
            return true;
        }
        catch (GrainCallTimeoutException)
        {
            return false;
        }
    }

    private interface IRideGrain;

    private interface IChatRoomGrain;
}
