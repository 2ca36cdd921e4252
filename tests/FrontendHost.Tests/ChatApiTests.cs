using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using OrleansRides.GrainInterfaces.Chat;
using OrleansRides.Runtime;
using OrleansRides.Tests.Shared;
using static OrleansRides.FrontendHost.Tests.Accounts;

namespace OrleansRides.FrontendHost.Tests;

[Collection(FrontendCollection.Name)]
public sealed class ChatApiTests(TestDatabase database) : FrontendTest(database, Frontend().With("RateLimits:ChatSessionsPerMinute", "1000"))
{

    private IChatRoomGrain Room(string room) => Factory.Services.GetRequiredService<IGrainFactory>().GetGrain<IChatRoomGrain>(room);

    private async Task<string> ListenerTokenAsync()
    {
        var response = await Client.PostAsJsonAsync("/api/v1/livechat/session", new { displayName = "Listener" });
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("data").GetProperty("token").GetString()!;
    }

    private static async Task<JsonElement> DataOf(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("data");

    [Fact]
    public async Task Messages_acknowledged_to_their_senders_are_already_saved_when_the_host_stops()
    {
        var host = Frontend();
        var (member, memberId) = await SignUpAsync(host.CreateClient());
        var id = (await DataOf(await SendAsync(host.CreateClient(), HttpMethod.Post, "/api/v1/lounges", member, new { name = "Shutdown" })))
            .GetProperty("id").GetString()!;
        var room = host.Services.GetRequiredService<IGrainFactory>().GetGrain<IChatRoomGrain>($"lounge/{id}");
        var acknowledged = new List<Guid>();
        for (var i = 0; i < 25; i++)
        {
            acknowledged.Add((await room.Send(new ChatMember("c-1", memberId.ToString(), "Tess", false), new ChatMessageInput($"m{i}", null))).Id);
        }

        // Read while the host still runs: nothing its shutdown could do has happened yet.
        await using var connection = await Database.DataSource.OpenConnectionAsync();
        var stored = await connection.QueryAsync<Guid>("SELECT id FROM chat_messages WHERE room = @room ORDER BY seq", new { room = $"lounge/{id}" });
        Assert.Equal(acknowledged, stored);
        await host.DisposeAsync();
    }

    [Fact]
    public async Task Members_create_list_and_read_lounges_and_anonymous_listeners_cannot()
    {
        var (member, _) = await SignUpAsync(Client);
        var listener = await ListenerTokenAsync();

        var created = await SendAsync(Client, HttpMethod.Post, "/api/v1/lounges", member, new { name = "  Night riders ", description = "After dark" });
        var lounge = await DataOf(created);
        var id = lounge.GetProperty("id").GetString()!;
        var listed = await DataOf(await SendAsync(Client, HttpMethod.Get, "/api/v1/lounges", member));
        var read = await DataOf(await SendAsync(Client, HttpMethod.Get, $"/api/v1/lounges/{id}", member));

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("Night riders", lounge.GetProperty("name").GetString());
        Assert.Equal($"lounge/{id}", lounge.GetProperty("room").GetString());
        Assert.Contains(listed.EnumerateArray(), l => l.GetProperty("id").GetString() == id);
        Assert.Equal(0, read.GetProperty("presenceCount").GetInt32());
        Assert.Equal(HttpStatusCode.Forbidden, (await SendAsync(Client, HttpMethod.Get, "/api/v1/lounges", listener)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await SendAsync(Client, HttpMethod.Get, "/api/v1/lounges", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync(Client, HttpMethod.Get, "/api/v1/lounges/nosuchid", member)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await SendAsync(Client, HttpMethod.Post, "/api/v1/lounges", member, new { name = "" })).StatusCode);
    }

    [Fact]
    public async Task Lounge_history_pages_newest_first_and_includes_messages_not_yet_in_their_batch()
    {
        var (member, memberId) = await SignUpAsync(Client);
        var id = (await DataOf(await SendAsync(Client, HttpMethod.Post, "/api/v1/lounges", member, new { name = "Paging" }))).GetProperty("id").GetString()!;
        var sender = new ChatMember("c-1", memberId.ToString(), "Tess", false);
        for (var i = 1; i <= 5; i++)
        {
            await Room($"lounge/{id}").Send(sender, new ChatMessageInput($"m{i}", null));
        }

        var first = await (await SendAsync(Client, HttpMethod.Get, $"/api/v1/lounges/{id}/messages?limit=2", member)).Content.ReadFromJsonAsync<JsonElement>();
        var before = first.GetProperty("pagination").GetProperty("nextBefore").GetInt64();
        var second = await (await SendAsync(Client, HttpMethod.Get, $"/api/v1/lounges/{id}/messages?limit=2&before={before}", member)).Content.ReadFromJsonAsync<JsonElement>();
        var badLimit = await SendAsync(Client, HttpMethod.Get, $"/api/v1/lounges/{id}/messages?limit=1000", member);
        var badBefore = await SendAsync(Client, HttpMethod.Get, $"/api/v1/lounges/{id}/messages?before=abc", member);

        Assert.Equal(["m5", "m4"], first.GetProperty("data").EnumerateArray().Select(m => m.GetProperty("text").GetString()));
        Assert.Equal(["m3", "m2"], second.GetProperty("data").EnumerateArray().Select(m => m.GetProperty("text").GetString()));
        Assert.Equal(HttpStatusCode.BadRequest, badLimit.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badBefore.StatusCode);
    }

    [Fact]
    public async Task A_live_chat_session_needs_a_display_name_and_gets_a_listener_token()
    {
        var ok = await Client.PostAsJsonAsync("/api/v1/livechat/session", new { displayName = " Ann " });
        var empty = await Client.PostAsJsonAsync("/api/v1/livechat/session", new { displayName = "  " });
        var huge = await Client.PostAsJsonAsync("/api/v1/livechat/session", new { displayName = new string('x', 41) });
        var malformed = await Client.PostAsync("/api/v1/livechat/session", new StringContent("{\"displayName\":", Encoding.UTF8, "application/json"));

        var session = await DataOf(ok);
        Assert.Equal(HttpStatusCode.Created, ok.StatusCode);
        Assert.Equal("Ann", session.GetProperty("displayName").GetString());
        Assert.StartsWith("s-", session.GetProperty("sessionId").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, huge.StatusCode);
        Assert.Equal("MALFORMED_JSON", await CodeOf(malformed));
    }

    [Fact]
    public async Task Session_creation_is_limited_per_address()
    {
        await using var strict = Frontend().With("RateLimits:ChatSessionsPerMinute", "2");
        var client = strict.CreateClient();

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            statuses.Add((await client.PostAsJsonAsync("/api/v1/livechat/session", new { displayName = "Ann" })).StatusCode);
        }

        Assert.Equal([HttpStatusCode.Created, HttpStatusCode.Created, HttpStatusCode.TooManyRequests], statuses);
    }

    [Fact]
    public async Task Editors_moderate_live_messages_which_leave_the_listing_and_enter_the_log_and_listeners_are_refused()
    {
        var editor = await WithRoleAsync(Client, "editor");
        var (member, _) = await SignUpAsync(Client);
        var listener = await ListenerTokenAsync();
        var message = await Room("radio/live").Send(new ChatMember("c-1", "s-x", "Ann", false), new ChatMessageInput($"rude {Guid.NewGuid()}", null));

        var byListener = await SendAsync(Client, HttpMethod.Post, $"/api/v1/livechat/messages/{message.Id}/moderate", listener, new { action = "hide" });
        var byMember = await SendAsync(Client, HttpMethod.Post, $"/api/v1/livechat/messages/{message.Id}/moderate", member, new { action = "hide" });
        var badAction = await SendAsync(Client, HttpMethod.Post, $"/api/v1/livechat/messages/{message.Id}/moderate", editor, new { action = "nuke" });
        var unknown = await SendAsync(Client, HttpMethod.Post, $"/api/v1/livechat/messages/{Guid.NewGuid()}/moderate", editor, new { action = "hide" });
        var byEditor = await SendAsync(Client, HttpMethod.Post, $"/api/v1/livechat/messages/{message.Id}/moderate", editor, new { action = "hide", reason = "rude" });
        var listing = await Client.GetStringAsync("/api/v1/livechat/messages?limit=100");
        var log = await DataOf(await SendAsync(Client, HttpMethod.Get, "/api/v1/livechat/moderation-log", editor));

        Assert.Equal(HttpStatusCode.Forbidden, byListener.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, byMember.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badAction.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("MESSAGE_NOT_FOUND", await CodeOf(unknown));
        Assert.Equal(HttpStatusCode.OK, byEditor.StatusCode);
        Assert.DoesNotContain(message.Id.ToString(), listing);
        var entry = log.EnumerateArray().First(e => e.GetProperty("messageId").GetGuid() == message.Id);
        Assert.Equal("hide", entry.GetProperty("action").GetString());
        Assert.Equal("rude", entry.GetProperty("reason").GetString());
        Assert.False(string.IsNullOrEmpty(entry.GetProperty("moderatorId").GetString()));
    }

    [Fact]
    public async Task Admins_set_slow_mode_and_banned_terms_within_range()
    {
        var (member, _) = await SignUpAsync(Client);
        var id = (await DataOf(await SendAsync(Client, HttpMethod.Post, "/api/v1/lounges", member, new { name = "Rules" }))).GetProperty("id").GetString()!;
        var admin = await AdminTokenAsync(Client);

        var set = await SendAsync(Client, HttpMethod.Put, $"/api/v1/rooms/lounge/{id}/settings", admin, new { slowModeSeconds = 30, bannedTerms = new[] { "spam" } });
        var keepTerms = await SendAsync(Client, HttpMethod.Put, $"/api/v1/rooms/lounge/{id}/settings", admin, new { slowModeSeconds = 5 });
        var tooSlow = await SendAsync(Client, HttpMethod.Put, $"/api/v1/rooms/lounge/{id}/settings", admin, new { slowModeSeconds = 3601 });
        var blankTerm = await SendAsync(Client, HttpMethod.Put, $"/api/v1/rooms/lounge/{id}/settings", admin, new { bannedTerms = new[] { " " } });
        var noRoom = await SendAsync(Client, HttpMethod.Put, "/api/v1/rooms/lounge/nosuchroom/settings", admin, new { slowModeSeconds = 1 });

        Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        var kept = await DataOf(keepTerms);
        Assert.Equal(5, kept.GetProperty("slowModeSeconds").GetInt32());
        Assert.Equal(["spam"], kept.GetProperty("bannedTerms").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal(HttpStatusCode.BadRequest, tooSlow.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, blankTerm.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, noRoom.StatusCode);
        Assert.Equal("ROOM_NOT_FOUND", await CodeOf(noRoom));
    }

    [Fact]
    public async Task Song_and_prayer_requests_are_validated_and_stored()
    {
        var song = await Client.PostAsJsonAsync("/api/v1/services/song_request", new { title = "Hallelujah", requesterName = "Ann", sessionId = "s-abc" });
        var noTitle = await Client.PostAsJsonAsync("/api/v1/services/song_request", new { requesterName = "Ann" });
        var prayer = await Client.PostAsJsonAsync("/api/v1/services/prayer", new { request = "For my family", contact = "ann@example.org" });
        var emptyPrayer = await Client.PostAsJsonAsync("/api/v1/services/prayer", new { request = " " });
        var wrongType = await Client.PostAsync("/api/v1/services/prayer", new StringContent("""{"request": ["x"]}""", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.Created, song.StatusCode);
        var stored = await DataOf(song);
        Assert.Equal("pending", stored.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, stored.GetProperty("sessionId").ValueKind);
        Assert.Equal(HttpStatusCode.BadRequest, noTitle.StatusCode);
        Assert.Contains("title", await noTitle.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Created, prayer.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, emptyPrayer.StatusCode);
        Assert.Equal("MALFORMED_JSON", await CodeOf(wrongType));
    }
}
