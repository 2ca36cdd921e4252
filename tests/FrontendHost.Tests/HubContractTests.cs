using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace OrleansRides.FrontendHost.Tests;

[Collection(FrontendCollection.Name)]
public sealed class HubContractTests
{
    private static async Task<JsonElement> ContractAsync(FrontendFactory factory)
    {
        var response = await factory.CreateClient().GetAsync("/api/v1/hubs/contract.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("data");
    }

    private static JsonElement Hub(JsonElement contract, string path) =>
        contract.GetProperty("hubs").EnumerateArray().Single(h => h.GetProperty("path").GetString() == path);

    private static JsonElement Method(JsonElement hub, string name) =>
        hub.GetProperty("methods").EnumerateArray().Single(m => m.GetProperty("name").GetString() == name);

    [Fact]
    public async Task The_hub_contract_lists_every_mapped_hub_with_its_callable_methods_only()
    {
        await using var factory = new FrontendFactory();

        var contract = await ContractAsync(factory);

        var paths = contract.GetProperty("hubs").EnumerateArray().Select(h => h.GetProperty("path").GetString()!).Order().ToArray();
        Assert.Equal<string>(["/hubs/chat", "/hubs/ride", "/hubs/studio"], paths);
        var ride = Hub(contract, "/hubs/ride");
        var names = ride.GetProperty("methods").EnumerateArray().Select(m => m.GetProperty("name").GetString()!).Order().ToArray();
        Assert.Equal<string>(["EndRide", "JoinRide", "LeaveRide", "RequestLocation", "UpdateLocation"], names);
        var update = Method(ride, "UpdateLocation").GetProperty("parameters").EnumerateArray().Select(p => p.GetProperty("name").GetString()!);
        Assert.Equal<string>(["accessCode", "position"], update);
    }

    [Fact]
    public async Task A_json_argument_is_described_by_the_schema_of_the_record_it_is_parsed_into()
    {
        await using var factory = new FrontendFactory();

        var contract = await ContractAsync(factory);

        var join = Method(Hub(contract, "/hubs/ride"), "JoinRide").GetProperty("parameters")[0];
        Assert.Equal("request", join.GetProperty("name").GetString());
        Assert.Equal("JoinRideRequest", join.GetProperty("describedBy").GetString());
        var properties = join.GetProperty("schema").GetProperty("properties");
        Assert.Contains("leader", properties.GetProperty("role").GetProperty("enum").EnumerateArray().Select(e => e.ToString()));
        var position = Method(Hub(contract, "/hubs/ride"), "UpdateLocation").GetProperty("parameters")[1];
        Assert.Equal("PositionInput", position.GetProperty("describedBy").GetString());
        Assert.True(position.GetProperty("schema").GetProperty("properties").TryGetProperty("lat", out _));
        var accessCode = Method(Hub(contract, "/hubs/ride"), "RequestLocation").GetProperty("parameters")[0];
        Assert.Equal("json", accessCode.GetProperty("type").GetString());
        Assert.False(accessCode.TryGetProperty("schema", out var none) && none.ValueKind != JsonValueKind.Null);
    }

    [Fact]
    public async Task The_contract_lists_each_hubs_callbacks_with_their_payload_schema()
    {
        await using var factory = new FrontendFactory();

        var contract = await ContractAsync(factory);

        var callbacks = Hub(contract, "/hubs/ride").GetProperty("callbacks").EnumerateArray().ToArray();
        Assert.Contains("locationUpdated", callbacks.Select(c => c.GetProperty("name").GetString()));
        var cancelled = callbacks.Single(c => c.GetProperty("name").GetString() == "rideCancelled");
        Assert.Equal("RideCancelled", cancelled.GetProperty("payload").GetString());
        var properties = cancelled.GetProperty("schema").GetProperty("properties");
        Assert.True(properties.TryGetProperty("rideId", out _) && properties.TryGetProperty("reason", out _), properties.ToString());
        Assert.Equal(JsonValueKind.Null, callbacks.Single(c => c.GetProperty("name").GetString() == "leaderOnline").GetProperty("payload").ValueKind);
    }

    [Fact]
    public async Task The_contract_states_who_may_connect_to_each_hub()
    {
        await using var factory = new FrontendFactory();

        var contract = await ContractAsync(factory);

        Assert.Equal(JsonValueKind.Null, Hub(contract, "/hubs/ride").GetProperty("access").ValueKind);
        var chat = Hub(contract, "/hubs/chat").GetProperty("access");
        Assert.True(chat.GetProperty("authenticated").GetBoolean());
        Assert.Equal(JsonValueKind.Null, chat.GetProperty("roles").ValueKind);
        var studio = Hub(contract, "/hubs/studio").GetProperty("access");
        Assert.Equal<string>(["admin", "penyiar"], studio.GetProperty("roles").EnumerateArray().Select(r => r.GetString()!).Order().ToArray());
    }

    [Fact]
    public async Task The_contract_is_in_the_OpenAPI_document()
    {
        await using var factory = new FrontendFactory();

        var document = await factory.CreateClient().GetFromJsonAsync<JsonElement>("/openapi/v1.json");

        Assert.True(document.GetProperty("paths").TryGetProperty("/api/v1/hubs/contract.json", out _));
    }
}
