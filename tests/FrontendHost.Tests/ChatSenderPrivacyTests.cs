using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using OrleansRides.Tests.Shared;
using static OrleansRides.FrontendHost.Tests.Accounts;

namespace OrleansRides.FrontendHost.Tests;

/// <summary>Public chat output never shows session or user ids, and a song request's requester is only ever the caller's
/// token (issue 8, item 6).</summary>
[Collection(FrontendCollection.Name)]
public sealed class ChatSenderPrivacyTests(TestDatabase database) : IAsyncLifetime
{
    private readonly FrontendFactory _factory = Frontend().With("RateLimits:ChatSessionsPerMinute", "1000");
    private HttpClient _client = null!;

    public Task InitializeAsync()
    {
        _ = database;
        _client = _factory.CreateClient();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task Messages_show_one_opaque_sender_id_per_room_in_pushes_snapshots_and_history_on_every_frontend()
    {
        await using var otherFrontend = Frontend();
        var other = otherFrontend.CreateClient();
        var (memberToken, memberId) = await SignUpAsync(_client);
        var lounge = (await (await SendAsync(_client, HttpMethod.Post, "/api/v1/lounges", memberToken, new { name = "privacy" }))
            .Content.ReadFromJsonAsync<JsonElement>()).GetProperty("data").GetProperty("room").GetString()!;
        var (listenerId, listenerToken) = await SessionAsync(_client, "watcher");
        await using var member = await HubSocket.ConnectAsync(_factory, "chat", memberToken);
        await using var listener = await HubSocket.ConnectAsync(_factory, "chat", listenerToken);
        await listener.InvokeAsync("JoinRoom", new { room = "radio/live" });
        var joinedLive = await member.InvokeAsync("JoinRoom", new { room = "radio/live" });
        var joinedLounge = await member.InvokeAsync("JoinRoom", new { room = lounge });

        var text = $"who am I {Guid.NewGuid():N}";
        var sent = await member.InvokeAsync("SendMessage", new { room = "radio/live", text });
        var inLounge = await member.InvokeAsync("SendMessage", new { room = lounge, text });
        var pushed = (await listener.NextEventAsync("newMessage"))[0];
        // The other frontend runs its own embedded room, which reads the message once this one's batch is written.
        JsonElement[] found = [];
        await Eventually.TrueAsync(async () =>
        {
            found = [.. (await other.GetFromJsonAsync<JsonElement>("/api/v1/livechat/messages?limit=100")).GetProperty("data")
                .EnumerateArray().Where(m => m.GetProperty("text").GetString() == text)];
            return found.Length > 0;
        }, "the message in the other frontend's history");
        var history = Assert.Single(found);
        var late = await listener.InvokeAsync("JoinRoom", new { room = "radio/live" });
        var inSnapshot = late.GetProperty("history").EnumerateArray().Single(m => m.GetProperty("text").GetString() == text);

        var liveId = sent.GetProperty("senderId").GetString()!;
        Assert.Matches("^[A-Za-z0-9_-]{22}$", liveId);
        Assert.NotEqual(memberId.ToString(), liveId);
        Assert.Equal(liveId, joinedLive.GetProperty("mySenderId").GetString());
        Assert.Equal(liveId, pushed.GetProperty("senderId").GetString());
        Assert.Equal(liveId, history.GetProperty("senderId").GetString());
        Assert.Equal(liveId, inSnapshot.GetProperty("senderId").GetString());
        Assert.NotEqual(liveId, inLounge.GetProperty("senderId").GetString());
        Assert.Equal(joinedLounge.GetProperty("mySenderId").GetString(), inLounge.GetProperty("senderId").GetString());
        Assert.NotEqual(late.GetProperty("mySenderId").GetString(), liveId);
        var everything = await other.GetStringAsync("/api/v1/livechat/messages?limit=100");
        Assert.DoesNotContain(memberId.ToString(), everything);
        Assert.DoesNotContain(listenerId, everything);
    }

    [Fact]
    public async Task A_song_request_names_the_callers_own_session_and_never_one_from_the_body()
    {
        var (victimId, _) = await SessionAsync(_client, "victim");
        var (strangerId, strangerToken) = await SessionAsync(_client, "stranger");

        var anonymous = await SendAsync(_client, HttpMethod.Post, "/api/v1/services/song_request", null,
            new { title = "Not for you", requesterName = "Mallory", sessionId = victimId });
        var stranger = await SendAsync(_client, HttpMethod.Post, "/api/v1/services/song_request", strangerToken,
            new { title = "Also not", requesterName = "Mallory", sessionId = victimId });

        Assert.Equal(HttpStatusCode.Created, anonymous.StatusCode);
        Assert.Equal(JsonValueKind.Null, (await DataOf(anonymous)).GetProperty("sessionId").ValueKind);
        Assert.Equal(strangerId, (await DataOf(stranger)).GetProperty("sessionId").GetString());
    }

    private static async Task<(string SessionId, string Token)> SessionAsync(HttpClient client, string name)
    {
        var data = await DataOf(await client.PostAsJsonAsync("/api/v1/livechat/session", new { displayName = name }));
        return (data.GetProperty("sessionId").GetString()!, data.GetProperty("token").GetString()!);
    }

    private static async Task<JsonElement> DataOf(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("data");
}
