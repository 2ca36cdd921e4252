using OrleansRides.GrainInterfaces.Errors;
using OrleansRides.Tests.Shared;

namespace OrleansRides.FrontendHost.Tests;

/// <summary>A SignalR connection making more than <c>Hubs:MaxInvocationsPerSecond</c> calls a second gets
/// <c>HUB_FLOOD_LIMITED</c> (issue 13), not the rules' <c>RATE_LIMITED</c>; the calls within the budget are served.</summary>
[Collection(FrontendCollection.Name)]
public sealed class HubFloodTests(TestDatabase database) : FrontendTest(database, new FrontendFactory().With("Hubs:MaxInvocationsPerSecond", "2"))
{
    [Fact]
    public async Task A_connection_over_its_calls_per_second_gets_HUB_FLOOD_LIMITED_and_the_calls_within_are_served()
    {
        await using var flooder = await HubSocket.ConnectAsync(Factory, "ride", null);
        var codes = new List<string>();

        // 30 calls one after another take well under the 15 s the budget (2 a second) would need to serve them all. Each is
        // refused for its argument in the hub, before any grain call, so a served call answers INVALID_REQUEST.
        for (var i = 0; i < 30; i++)
        {
            codes.Add((await Assert.ThrowsAsync<HubError>(() => flooder.InvokeAsync("RequestLocation", 42))).Code);
        }

        Assert.Contains(ErrorCodes.HubFloodLimited, codes);
        Assert.Contains(ErrorCodes.InvalidRequest, codes);
        Assert.DoesNotContain(ErrorCodes.RateLimited, codes);
        Assert.Equal(30, codes.Count(c => c is ErrorCodes.HubFloodLimited or ErrorCodes.InvalidRequest));
    }

    [Fact]
    public async Task Another_connection_is_served_while_one_floods()
    {
        await using var flooder = await HubSocket.ConnectAsync(Factory, "ride", null);
        await using var calm = await HubSocket.ConnectAsync(Factory, "ride", null);
        for (var i = 0; i < 10; i++)
        {
            await Assert.ThrowsAsync<HubError>(() => flooder.InvokeAsync("RequestLocation", 42));
        }

        var served = await Assert.ThrowsAsync<HubError>(() => calm.InvokeAsync("RequestLocation", 42));

        Assert.Equal(ErrorCodes.InvalidRequest, served.Code);
    }
}
