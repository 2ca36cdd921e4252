using System.Diagnostics;
using OrleansRides.Runtime.Activation;
using OrleansRides.Tests.Shared;

namespace OrleansRides.Runtime.Tests;

/// <summary>One client span where a reference dispatches a call and one server span around its turn, in one trace
/// (docs/architecture.md, "Tracing").</summary>
public sealed class RuntimeTracingTests
{
    private static readonly string GrainType = GrainTypeRegistry.TypeNameOf(typeof(ITestGrain));

    [Fact]
    public async Task A_call_is_a_client_span_and_a_server_span_child_of_it_in_one_trace()
    {
        var key = $"traced-{Guid.NewGuid():N}";
        await using var runtime = new TestRuntime();
        using var spans = new SpanRecorder($"{GrainType}/{key}");

        Assert.Equal(1, await runtime.Factory.GetGrain<ITestGrain>(key).Increment());

        var client = await spans.SpanAsync(ActivityKind.Client);
        var server = await spans.SpanAsync(ActivityKind.Server);
        Assert.Equal(client.TraceId, server.TraceId);
        Assert.Equal(client.SpanId, server.ParentSpanId);
        Assert.False(server.HasRemoteParent);
        var name = $"{typeof(ITestGrain).FullName}/{nameof(ITestGrain.Increment)}";
        Assert.All(new[] { client, server }, span =>
        {
            Assert.Equal(name, span.DisplayName);
            Assert.Equal("OrleansRides.Runtime", span.Source.Name);
            Assert.Equal("orleansrides", span.GetTagItem("rpc.system"));
            Assert.Equal(typeof(ITestGrain).FullName, span.GetTagItem("rpc.service"));
            Assert.Equal(nameof(ITestGrain.Increment), span.GetTagItem("rpc.method"));
            Assert.Equal(ActivityStatusCode.Unset, span.Status);
        });
    }

    [Fact]
    public async Task A_failing_call_marks_both_spans_as_errors_with_the_code()
    {
        var key = $"traced-fail-{Guid.NewGuid():N}";
        await using var runtime = new TestRuntime();
        using var spans = new SpanRecorder($"{GrainType}/{key}");

        await Assert.ThrowsAsync<InvalidOperationException>(() => runtime.Factory.GetGrain<ITestGrain>(key).Fail());

        var client = await spans.SpanAsync(ActivityKind.Client);
        var server = await spans.SpanAsync(ActivityKind.Server);
        Assert.All(new[] { client, server }, span =>
        {
            Assert.Equal(ActivityStatusCode.Error, span.Status);
            Assert.Equal(typeof(InvalidOperationException).FullName, span.StatusDescription);
            Assert.Equal(typeof(InvalidOperationException).FullName, span.GetTagItem("error.type"));
        });
    }

    [Fact]
    public async Task A_grain_exception_gives_its_code_as_the_status()
    {
        var key = $"traced-timeout-{Guid.NewGuid():N}";
        await using var runtime = new TestRuntime(callTimeout: TimeSpan.FromMilliseconds(200));
        using var spans = new SpanRecorder($"{GrainType}/{key}");

        var error = await Assert.ThrowsAsync<GrainCallTimeoutException>(() => runtime.Factory.GetGrain<ITestGrain>(key).Hang(TimeSpan.FromSeconds(1)));

        var client = await spans.SpanAsync(ActivityKind.Client);
        Assert.Equal(ActivityStatusCode.Error, client.Status);
        Assert.Equal(error.Code, client.StatusDescription);
        Assert.Equal(error.Code, client.GetTagItem("error.type"));
    }
}
