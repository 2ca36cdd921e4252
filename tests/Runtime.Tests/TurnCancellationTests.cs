using OrleansRides.Runtime.Activation;
using OrleansRides.Tests.Shared;

namespace OrleansRides.Runtime.Tests;

public sealed class TurnCancellationTests
{
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task A_call_turns_token_is_cancelled_when_the_clock_passes_the_calls_deadline()
    {
        var clock = new ManualTimeProvider();
        await using var runtime = new TestRuntime(clock, callTimeout: TimeSpan.FromSeconds(10));
        var grain = runtime.Factory.GetGrain<ICancellationGrain>("deadline");

        var call = grain.WaitForCancellation();
        await runtime.Probe.Waiting.Task.WaitAsync(Within);
        clock.Advance(TimeSpan.FromSeconds(9));
        Assert.False(runtime.Probe.Kept.IsCancellationRequested);
        clock.Advance(TimeSpan.FromSeconds(1));

        Assert.True(runtime.Probe.Kept.IsCancellationRequested);
        await runtime.Probe.Cancelled.Task.WaitAsync(Within);
        await Assert.ThrowsAsync<GrainCallTimeoutException>(() => call);
        Assert.Equal(1, await grain.Increment());
    }

    [Fact]
    public async Task A_timer_ticks_token_is_cancelled_a_call_timeout_after_the_tick_started()
    {
        var clock = new ManualTimeProvider();
        await using var runtime = new TestRuntime(clock, callTimeout: TimeSpan.FromSeconds(10));
        var grain = runtime.Factory.GetGrain<ICancellationGrain>("tick");
        await grain.StartWaitingTimer(TimeSpan.FromSeconds(1));

        clock.Advance(TimeSpan.FromSeconds(1));
        await runtime.Probe.Waiting.Task.WaitAsync(Within);
        Assert.True(runtime.Probe.SameTokenInTick, "TurnCancellationToken is the tick's argument");
        clock.Advance(TimeSpan.FromSeconds(9));
        Assert.False(runtime.Probe.Kept.IsCancellationRequested);
        clock.Advance(TimeSpan.FromSeconds(1));

        await runtime.Probe.Cancelled.Task.WaitAsync(Within);
        Assert.Equal(1, await grain.Increment());
    }

    [Fact]
    public async Task A_timer_keeps_one_token_source_for_all_its_ticks()
    {
        // The system clock: CancellationTokenSource.TryReset cannot disarm another TimeProvider's timer, so under a test
        // clock every tick gets a new source.
        await using var runtime = new TestRuntime();
        var grain = runtime.Factory.GetGrain<ICancellationGrain>("ticks");
        await grain.StartCountingTimer(TimeSpan.FromMilliseconds(5));
        var before = runtime.Runtime.TurnSourcesCreated;

        await Eventually.TrueAsync(() => Volatile.Read(ref runtime.Probe.Ticks) >= 5, "five ticks");

        Assert.Equal(before + 1, runtime.Runtime.TurnSourcesCreated);
    }

    [Fact]
    public async Task Shutdown_cancels_a_running_call_turn_while_deactivation_still_completes_and_saves()
    {
        var clock = new ManualTimeProvider();
        await using var runtime = new TestRuntime(clock);
        var grain = runtime.Factory.GetGrain<ICancellationGrain>("stop");
        Assert.Equal(1, await grain.Increment());
        var call = grain.WaitForCancellation();
        await runtime.Probe.Waiting.Task.WaitAsync(Within);

        var stop = runtime.StopAsync();

        Assert.True(await call.WaitAsync(Within));
        await stop.WaitAsync(Within);
        Assert.False(await runtime.Probe.DeactivationCancelledAtStart.Task, "stopping does not cancel OnDeactivateAsync");
        Assert.True(runtime.Probe.Saved.Task.IsCompleted);
        var stored = await runtime.Storage.ReadAsync(
            new GrainId(GrainTypeRegistry.TypeNameOf(typeof(ICancellationGrain)), "stop"), CancellationToken.None);
        Assert.Equal("""{"count":1}""", stored!.Json);
    }

    [Fact]
    public async Task A_deactivation_on_shutdown_is_cancelled_only_when_the_shutdown_timeout_has_passed()
    {
        var clock = new ManualTimeProvider();
        await using var runtime = new TestRuntime(clock);
        var grain = runtime.Factory.GetGrain<ICancellationGrain>("slow-save");
        await grain.HangOnDeactivation();

        var stop = runtime.StopAsync();
        Assert.False(await runtime.Probe.DeactivationCancelledAtStart.Task.WaitAsync(Within));
        clock.Advance(TimeSpan.FromSeconds(19));
        Assert.False(runtime.Probe.Cancelled.Task.IsCompleted);
        clock.Advance(TimeSpan.FromSeconds(1));

        await runtime.Probe.Cancelled.Task.WaitAsync(Within);
        await stop.WaitAsync(Within);
        Assert.Equal(0, runtime.Catalog.Count);
    }

    [Fact]
    public async Task A_call_turn_that_never_reads_its_token_creates_no_token_source()
    {
        await using var runtime = new TestRuntime();
        var grain = runtime.Factory.GetGrain<ICancellationGrain>("quiet");
        await grain.Increment();
        // The activation's own: OnActivateAsync takes the token as its argument.
        Assert.Equal(1, runtime.Runtime.TurnSourcesCreated);

        await Task.WhenAll(Enumerable.Range(0, 200).Select(_ => grain.Increment()));
        Assert.Equal(1, runtime.Runtime.TurnSourcesCreated);

        await grain.ReadToken();
        Assert.Equal(2, runtime.Runtime.TurnSourcesCreated);
    }

    [Fact]
    public async Task After_its_turn_a_token_is_never_cancelled_and_the_property_throws()
    {
        var clock = new ManualTimeProvider();
        await using var runtime = new TestRuntime(clock, callTimeout: TimeSpan.FromSeconds(10));
        var grain = runtime.Factory.GetGrain<ICancellationGrain>("after");
        await grain.ReadToken();
        var kept = runtime.Probe.Kept;

        clock.Advance(TimeSpan.FromSeconds(11));
        await runtime.StopAsync();

        Assert.True(kept.CanBeCanceled);
        Assert.False(kept.IsCancellationRequested);
        // Its source is disposed: registering still works (and never fires), the wait handle is gone.
        using (kept.Register(() => { }))
        {
        }
        Assert.Throws<ObjectDisposedException>(() => kept.WaitHandle);
        Assert.Throws<InvalidOperationException>(() => runtime.Probe.ReadLater!());
    }

    [Fact]
    public async Task A_token_read_before_ReleaseTurn_still_ends_at_the_calls_deadline()
    {
        var clock = new ManualTimeProvider();
        await using var runtime = new TestRuntime(clock, callTimeout: TimeSpan.FromSeconds(10));
        var grain = runtime.Factory.GetGrain<ICancellationGrain>("released");

        var released = grain.WaitForCancellationAfterReleasingTurn();
        await runtime.Probe.Waiting.Task.WaitAsync(Within);
        // Runs only because the first call released its turn.
        Assert.Equal(1, await grain.Increment());
        Assert.False(runtime.Probe.Cancelled.Task.IsCompleted);
        clock.Advance(TimeSpan.FromSeconds(10));

        await runtime.Probe.Cancelled.Task.WaitAsync(Within);
        await Assert.ThrowsAsync<GrainCallTimeoutException>(() => released);
    }
}
