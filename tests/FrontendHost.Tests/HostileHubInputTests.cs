using System.Buffers;
using System.Security.Claims;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
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

    private sealed class Caller : HubCallerContext
    {
        public override string ConnectionId => "c1";
        public override string? UserIdentifier => null;
        public override ClaimsPrincipal? User => null;
        public override IDictionary<object, object?> Items { get; } = new Dictionary<object, object?>();
        public override IFeatureCollection Features { get; } = new FeatureCollection();
        public override CancellationToken ConnectionAborted => CancellationToken.None;
        public override void Abort() { }
    }

    private sealed class AnyHub : Hub;

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

    [Theory]
    [InlineData("\"a\\ud800b\"")]
    [InlineData("\"\\udc00\"")]
    public async Task A_hub_argument_that_is_not_valid_text_is_INVALID_REQUEST_not_a_server_fault(string json)
    {
        var filter = new HubErrorFilter(new ConfigurationBuilder().Build(), NullLogger<HubErrorFilter>.Instance);
        var argument = JsonDocument.Parse(json).RootElement;
        var context = new HubInvocationContext(new Caller(), new EmptyServices(), new AnyHub(), typeof(AnyHub).GetMethod(nameof(Hub.Dispose))!, [argument]);

        var error = await Assert.ThrowsAsync<HubException>(async () =>
            await filter.InvokeMethodAsync(context, _ => ValueTask.FromResult<object?>(argument.GetString())));

        Assert.StartsWith("INVALID_REQUEST: ", error.Message, StringComparison.Ordinal);
    }

    private sealed class EmptyServices : IServiceProvider
    {
        public object? GetService(Type serviceType) => null;
    }
}
