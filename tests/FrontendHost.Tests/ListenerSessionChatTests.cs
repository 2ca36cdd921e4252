using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using OrleansRides.GrainInterfaces.Chat;
using OrleansRides.GrainInterfaces.Sessions;
using OrleansRides.Runtime;
using OrleansRides.Tests.Shared;
using static OrleansRides.FrontendHost.Tests.Accounts;

namespace OrleansRides.FrontendHost.Tests;

/// <summary>Live-chat listeners are anonymous sessions (issue 9): a row, a SessionGrain, and one chat budget across rooms.</summary>
[Collection(FrontendCollection.Name)]
public sealed class ListenerSessionChatTests(TestDatabase database)
    : FrontendTest(database, Frontend().With("Hubs:MaxInvocationsPerSecond", "100000"))
{
    private async Task<(string Token, Guid Session)> ListenerAsync()
    {
        var response = await Client.PostAsJsonAsync("/api/v1/livechat/session", new { displayName = "Flooder" });
        var data = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("data");
        Assert.True(SessionKeys.TryParseListenerSubject(data.GetProperty("sessionId").GetString(), out var session));
        return (data.GetProperty("token").GetString()!, session.Value);
    }

    private async Task<string> RoomAsync()
    {
        var room = $"radio/l-{Guid.NewGuid():N}"[..30];
        await using var connection = await Database.DataSource.OpenConnectionAsync();
        await connection.ExecuteAsync("INSERT INTO chat_rooms (room, kind, name) VALUES (@room, 'radio', 'Listener test')", new { room });
        return room;
    }

    [Fact]
    public async Task A_listener_session_is_a_row_and_a_grain_counting_its_connections()
    {
        var (token, session) = await ListenerAsync();
        var grain = Factory.Services.GetRequiredService<IGrainFactory>().GetGrain<ISessionGrain>(SessionKeys.GrainKey(session));
        await using var connection = await Database.DataSource.OpenConnectionAsync();

        var stored = await connection.ExecuteScalarAsync<bool>("SELECT EXISTS (SELECT 1 FROM anonymous_sessions WHERE id = @session AND expires_at > now())", new { session });
        await using (var first = await HubSocket.ConnectAsync(Factory, "chat", token))
        {
            await using var second = await HubSocket.ConnectAsync(Factory, "chat", token);
            await Eventually.TrueAsync(async () => await grain.GetConnectionCount() == 2, "both connections are registered");
        }
        await Eventually.TrueAsync(async () => await grain.GetConnectionCount() == 0, "both connections are forgotten");

        Assert.True(stored);
    }

    [Fact]
    public async Task A_listener_sending_in_two_rooms_hits_one_shared_limit_of_100_a_minute()
    {
        var (token, _) = await ListenerAsync();
        var rooms = new[] { await RoomAsync(), await RoomAsync() };
        await using var hub = await HubSocket.ConnectAsync(Factory, "chat", token);
        foreach (var room in rooms)
        {
            await hub.InvokeAsync("JoinRoom", new { room });
        }
        for (var i = 0; i < ChatRules.MessagesPerMinute; i++)
        {
            await hub.InvokeAsync("SendMessage", new { room = rooms[i % 2], text = $"message {i}" });
        }

        // Each room has had only 50 from this sender: a per-room count would still let this through.
        var limited = await Assert.ThrowsAsync<HubError>(() => hub.InvokeAsync("SendMessage", new { room = rooms[1], text = "one more" }));

        Assert.Equal(ChatErrorCodes.RateLimited, limited.Code);
        Assert.Contains("across all rooms", limited.Message);
    }
}
