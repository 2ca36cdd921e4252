using System.Diagnostics;
using System.Text;
using OrleansRides.Runtime;
using OrleansRides.Runtime.Calls;
using OrleansRides.Runtime.Cluster;
using OrleansRides.Runtime.Persistence;
using OrleansRides.Tests.Shared;

namespace OrleansRides.Cluster.Tests;

/// <summary>The one-pass wire format (decision 165) without a broker: what one node writes, another reads back the same,
/// and a malformed message is a typed <c>INVALID_REQUEST</c>.</summary>
public sealed class GrainWireFormatTests
{
    public interface IWireProbeGrain : IGrain
    {
        Task<int> Add(string label, int amount);
    }

    private static readonly System.Reflection.MethodInfo Add = typeof(IWireProbeGrain).GetMethod(nameof(IWireProbeGrain.Add))!;
    private readonly GrainWireFormat _wire = new(new GrainJsonOptions([ClusterJsonContext.Default]));

    [Fact]
    public void A_request_reads_back_as_the_call_that_was_written()
    {
        var deadline = DateTimeOffset.FromUnixTimeMilliseconds(1_800_000_000_123);
        var body = _wire.WriteRequest(new GrainCall(new GrainId("wireprobe", "k/ü"), Add, ["é \"quoted\"", 42], deadline));

        var request = GrainWireFormat.ReadRequest(body);

        Assert.Equal(new GrainId("wireprobe", "k/ü"), request.Grain);
        Assert.Equal(typeof(IWireProbeGrain).FullName, request.Interface);
        Assert.Equal("Add", request.Method);
        Assert.Equal(deadline, request.Deadline);
        Assert.Equal(["é \"quoted\"", 42], _wire.ReadArguments(Add, request));
    }

    [Fact]
    public void A_request_carries_the_callers_trace_context_and_one_without_it_still_reads()
    {
        // The silo reads the context only while something traces: listen (to no grain in particular).
        using var listening = new SpanRecorder("none/none");
        var context = new ActivityContext(ActivityTraceId.CreateRandom(), ActivitySpanId.CreateRandom(), ActivityTraceFlags.Recorded, "vendor=1");
        var deadline = DateTimeOffset.FromUnixTimeMilliseconds(1_800_000_000_123);
        var traced = new GrainCall(new GrainId("wireprobe", "k"), Add, ["a", 1], deadline) { TraceContext = context };

        var request = GrainWireFormat.ReadRequest(_wire.WriteRequest(traced));
        var untraced = GrainWireFormat.ReadRequest(_wire.WriteRequest(traced with { TraceContext = default }));

        Assert.Equal((context.TraceId, context.SpanId, context.TraceFlags, context.TraceState, true),
            (request.TraceContext.TraceId, request.TraceContext.SpanId, request.TraceContext.TraceFlags, request.TraceContext.TraceState, request.TraceContext.IsRemote));
        Assert.Equal(["a", 1], _wire.ReadArguments(Add, request));
        Assert.Equal(default, untraced.TraceContext);
        Assert.Equal(["a", 1], _wire.ReadArguments(Add, untraced));
    }

    [Fact]
    public void A_result_and_an_error_read_back_as_they_were_written()
    {
        Assert.Equal(7, _wire.ReadResult(Add, _wire.WriteResponse(Add, 7)));
        var error = Assert.Throws<GrainException>(() => _wire.ReadResult(Add, GrainWireFormat.WriteError(new GrainException("RIDE_NOT_FOUND", "No ride."))));
        Assert.Equal(("RIDE_NOT_FOUND", "No ride."), (error.Code, error.Message));
        // The thread's writers for errors and for responses are separate; a response after an error is whole too.
        Assert.Equal(8, _wire.ReadResult(Add, _wire.WriteResponse(Add, 8)));
    }

    [Theory]
    [InlineData("""{"grainType":"wireprobe","key":"k","interface":"I","method":"Add","deadlineUnixMs":1,"arguments":["a"]}""")]
    [InlineData("""{"grainType":"wireprobe","key":"k","interface":"I","method":"Add","deadlineUnixMs":1,"arguments":["a",1,2]}""")]
    public void Too_few_or_too_many_arguments_are_an_invalid_request(string json)
    {
        var request = GrainWireFormat.ReadRequest(Encoding.UTF8.GetBytes(json));
        Assert.Equal("INVALID_REQUEST", Assert.Throws<GrainException>(() => _wire.ReadArguments(Add, request)).Code);
    }

    [Theory]
    [InlineData("""{"grainType":"wireprobe","key":"k","interface":"I","method":"Add"}""")]
    [InlineData("""{"key":"k","interface":"I","method":"Add","arguments":[]}""")]
    [InlineData("""["not","a","request"]""")]
    public void A_message_without_its_header_or_arguments_is_an_invalid_request(string json) =>
        Assert.Equal("INVALID_REQUEST", Assert.Throws<GrainException>(() => GrainWireFormat.ReadRequest(Encoding.UTF8.GetBytes(json))).Code);
}
