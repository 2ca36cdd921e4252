using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using OrleansRides.Tests.Shared;
using static OrleansRides.FrontendHost.Tests.Accounts;

namespace OrleansRides.FrontendHost.Tests;

/// <summary>Calls the marketplace tests share: lounges (public or private), members added directly, listings.</summary>
internal static class MarketplaceCalls
{
    /// <summary>A new lounge of <paramref name="ownerToken"/>'s account: its id (the room is <c>lounge/{id}</c>).</summary>
    public static async Task<string> LoungeAsync(HttpClient client, TestDatabase database, string ownerToken, bool isPrivate = false)
    {
        var room = (await (await SendAsync(client, HttpMethod.Post, "/api/v1/lounges", ownerToken, new { name = "market" }))
            .Content.ReadFromJsonAsync<JsonElement>()).GetProperty("data").GetProperty("room").GetString()!;
        if (isPrivate)
        {
            await using var connection = await database.DataSource.OpenConnectionAsync();
            await connection.ExecuteAsync("UPDATE chat_rooms SET visibility = 'private' WHERE room = @room", new { room });
        }
        return room["lounge/".Length..];
    }

    /// <summary>Makes <paramref name="userId"/> a member of the lounge.</summary>
    public static async Task JoinAsync(TestDatabase database, string loungeId, Guid userId)
    {
        await using var connection = await database.DataSource.OpenConnectionAsync();
        await connection.ExecuteAsync(
            "INSERT INTO lounge_members (room, user_id, role, joined_at) VALUES (@room, @userId, 'member', now()) ON CONFLICT DO NOTHING",
            new { room = $"lounge/{loungeId}", userId });
    }

    /// <summary>The JSON of a valid listing.</summary>
    public static string ListingJson(string title = "Road bike", long amountMinor = 15_000_000, string currency = "IDR") =>
        $$$"""{"kind":"item","title":"{{{title}}}","description":"Good\nas new","price":{"amountMinor":{{{amountMinor}}},"currency":"{{{currency}}}"}}""";

    /// <summary>A new listing's id.</summary>
    public static async Task<Guid> ListAsync(HttpClient client, string token, string loungeId, string? json = null)
    {
        var response = await CatalogCalls.CallAsync(client, HttpMethod.Post, $"/api/v1/lounges/{loungeId}/listings", token, json ?? ListingJson());
        Assert.Equal(System.Net.HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("data").GetProperty("id").GetGuid();
    }
}
