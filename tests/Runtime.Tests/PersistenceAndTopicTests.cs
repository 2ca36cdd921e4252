using System.Threading.Channels;
using OrleansRides.Runtime;
using OrleansRides.Runtime.Persistence;

namespace OrleansRides.Runtime.Tests;

public sealed class PersistenceAndTopicTests
{
    [Fact]
    public async Task A_stale_state_write_fails_loudly_and_writes_nothing()
    {
        await using var runtime = new TestRuntime();
        var id = new GrainId("test", "contested");
        var options = new System.Text.Json.JsonSerializerOptions { TypeInfoResolver = TestJsonContext.Default };
        var first = new PersistentState<CounterState>(id, runtime.Storage, options);
        var second = new PersistentState<CounterState>(id, runtime.Storage, options);
        await first.ReadStateAsync();
        await second.ReadStateAsync();

        first.State.Count = 1;
        await first.WriteStateAsync();
        second.State.Count = 99;
        var error = await Assert.ThrowsAsync<InconsistentStateException>(() => second.WriteStateAsync());

        Assert.Equal("STATE_CONFLICT", error.Code);
        await second.ReadStateAsync();
        Assert.Equal(1, second.State.Count);
        second.State.Count = 2;
        await second.WriteStateAsync();
        await Assert.ThrowsAsync<InconsistentStateException>(() => first.WriteStateAsync());
    }

    [Fact]
    public async Task Clearing_state_with_a_stale_etag_fails()
    {
        var storage = new InMemoryGrainStorage();
        var id = new GrainId("test", "clear");
        var etag = await storage.WriteAsync(id, "{}", null, CancellationToken.None);
        await storage.WriteAsync(id, "{}", etag, CancellationToken.None);

        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.ClearAsync(id, etag, CancellationToken.None));
    }

    [Fact]
    public async Task A_subscriber_gets_its_topics_events_in_publish_order_and_no_others()
    {
        await using var runtime = new TestRuntime();
        var received = Channel.CreateUnbounded<(string Topic, object Message)>();
        await using var subscriber = runtime.Topics.CreateSubscriber((topic, message) => received.Writer.WriteAsync((topic, message)));
        await subscriber.SubscribeAsync("ride/AAAAAA");

        for (var i = 0; i < 500; i++)
        {
            await runtime.Topics.PublishAsync("ride/AAAAAA", i);
            await runtime.Topics.PublishAsync("ride/BBBBBB", -i);
        }

        for (var i = 0; i < 500; i++)
        {
            var (topic, message) = await received.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(5));
            Assert.Equal("ride/AAAAAA", topic);
            Assert.Equal(i, message);
        }
        await subscriber.UnsubscribeAsync("ride/AAAAAA");
        await runtime.Topics.PublishAsync("ride/AAAAAA", 1000);
        await runtime.Topics.PublishAsync("ride/AAAAAA", 1001);
        Assert.False(received.Reader.TryRead(out _));
    }

    [Fact]
    public async Task A_failing_subscriber_handler_does_not_stop_delivery()
    {
        await using var runtime = new TestRuntime();
        var delivered = new List<int>();
        await using var subscriber = runtime.Topics.CreateSubscriber((_, message) =>
        {
            if ((int)message == 1)
            {
                throw new InvalidOperationException("handler bug");
            }
            lock (delivered)
            {
                delivered.Add((int)message);
            }
            return ValueTask.CompletedTask;
        });
        await subscriber.SubscribeAsync("t");

        foreach (var i in new[] { 0, 1, 2 })
        {
            await runtime.Topics.PublishAsync("t", i);
        }

        await OrleansRides.Tests.Shared.Eventually.TrueAsync(() => { lock (delivered) { return delivered.Count == 2; } }, "events 0 and 2");
        Assert.Equal([0, 2], delivered);
    }
}
