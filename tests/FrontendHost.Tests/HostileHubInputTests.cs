using System.Buffers;
using System.Text;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;
using Microsoft.Extensions.Options;
using OrleansRides.FrontendHost.Infrastructure;

namespace OrleansRides.FrontendHost.Tests;

/// <summary>Hub faults the hostile-input suite (tests/e2e/hostile-input.test.mjs) found, reproduced without a server.</summary>
public sealed class HostileHubInputTests
{
    private sealed class NoBinder : IInvocationBinder
    {
        public IReadOnlyList<Type> GetParameterTypes(string methodName) => [];
        public Type GetReturnType(string invocationId) => typeof(object);
        public Type GetStreamItemType(string streamId) => typeof(object);
    }

    [Fact]
    public void A_message_of_an_unknown_type_is_skipped_so_the_next_one_is_still_read()
    {
        // SignalR's read loop stops at a parse that returns false without a message, and re-reads from the same place.
        var protocol = new CodedErrorHubProtocol(new JsonHubProtocol(Options.Create(new JsonHubProtocolOptions())));
        var input = new ReadOnlySequence<byte>(Encoding.UTF8.GetBytes(
            "{\"type\":99,\"invocationId\":\"x\"}\u001e{\"type\":1,\"invocationId\":\"2\",\"target\":\"M\",\"arguments\":[]}\u001e"));

        Assert.True(protocol.TryParseMessage(ref input, new NoBinder(), out var skipped));
        Assert.IsType<PingMessage>(skipped);
        Assert.True(protocol.TryParseMessage(ref input, new NoBinder(), out var next));
        Assert.Equal("M", Assert.IsType<InvocationMessage>(next).Target);
    }

    [Fact]
    public void An_incomplete_message_still_waits_for_more_bytes()
    {
        var protocol = new CodedErrorHubProtocol(new JsonHubProtocol(Options.Create(new JsonHubProtocolOptions())));
        var input = new ReadOnlySequence<byte>(Encoding.UTF8.GetBytes("{\"type\":1,\"invocationId\":\"2\""));
        var length = input.Length;

        Assert.False(protocol.TryParseMessage(ref input, new NoBinder(), out _));
        Assert.Equal(length, input.Length);
    }
}
