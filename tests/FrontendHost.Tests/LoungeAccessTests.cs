using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using OrleansRides.Tests.Shared;
using static OrleansRides.FrontendHost.Tests.Accounts;

namespace OrleansRides.FrontendHost.Tests;

/// <summary>Issue 11, lounge roles and privacy over REST and <c>/hubs/chat</c>: private lounges hidden from non-members
/// (listing, reading, history, members, joining), invite links and join requests, moderators limited to their own lounge,
/// owner-only actions, and a removed or muted member's live connection.</summary>
[Collection(FrontendCollection.Name)]
public sealed class LoungeAccessTests(TestDatabase database) : FrontendTest(database, Frontend())
{
    private static async Task<JsonElement> DataOf(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("data");

    private async Task<string> LoungeAsync(string token, string name, string visibility) =>
        (await DataOf(await SendAsync(Client, HttpMethod.Post, "/api/v1/lounges", token, new { name, visibility }))).GetProperty("id").GetString()!;

    private async Task<string> InviteTokenAsync(string token, string id) =>
        (await DataOf(await SendAsync(Client, HttpMethod.Post, $"/api/v1/lounges/{id}/invites", token, new { }))).GetProperty("token").GetString()!;

    private async Task<string> Outcome(HttpMethod method, string path, string token, object? body = null)
    {
        var response = await SendAsync(Client, method, path, token, body);
        return response.IsSuccessStatusCode ? ((int)response.StatusCode).ToString() : $"{(int)response.StatusCode} {await CodeOf(response)}";
    }

    [Fact]
    public async Task A_private_lounge_is_invisible_to_non_members_on_rest_and_the_hub_until_they_accept_an_invite()
    {
        var (owner, _) = await SignUpAsync(Client);
        var (stranger, _) = await SignUpAsync(Client);
        var tag = Guid.NewGuid().ToString("N")[..8];
        var id = await LoungeAsync(owner, $"Hidden {tag}", "private");

        var listed = await DataOf(await SendAsync(Client, HttpMethod.Get, $"/api/v1/lounges?q={tag}", stranger));
        Assert.Equal(0, listed.GetArrayLength());
        Assert.Equal("404 LOUNGE_NOT_FOUND", await Outcome(HttpMethod.Get, $"/api/v1/lounges/{id}", stranger));
        Assert.Equal("404 LOUNGE_NOT_FOUND", await Outcome(HttpMethod.Get, "/api/v1/lounges/nosuchid", stranger));
        Assert.Equal("404 LOUNGE_NOT_FOUND", await Outcome(HttpMethod.Get, $"/api/v1/lounges/{id}/messages", stranger));
        Assert.Equal("404 LOUNGE_NOT_FOUND", await Outcome(HttpMethod.Get, $"/api/v1/lounges/{id}/members", stranger));
        Assert.Equal("403 INVITE_REQUIRED", await Outcome(HttpMethod.Post, $"/api/v1/lounges/{id}/members", stranger));
        await using (var hub = await HubSocket.ConnectAsync(Factory, "chat", stranger))
        {
            var refused = await Assert.ThrowsAsync<HubError>(() => hub.InvokeAsync("JoinRoom", new { room = $"lounge/{id}" }));
            Assert.Equal("NOT_LOUNGE_MEMBER", refused.Code);
        }

        var token = await InviteTokenAsync(owner, id);
        var preview = await DataOf(await SendAsync(Client, HttpMethod.Post, "/api/v1/lounge-invites/preview", stranger, new { token }));
        Assert.Equal($"Hidden {tag}", preview.GetProperty("name").GetString());
        Assert.Equal(["description", "memberCount", "name"], preview.EnumerateObject().Select(p => p.Name).Order());
        var joined = await DataOf(await SendAsync(Client, HttpMethod.Post, "/api/v1/lounge-invites/accept", stranger, new { token }));
        Assert.Equal("member", joined.GetProperty("myRole").GetString());
        Assert.Equal(2, joined.GetProperty("memberCount").GetInt32());
        Assert.Equal("404 INVITE_INVALID", await Outcome(HttpMethod.Post, "/api/v1/lounge-invites/accept", stranger, new { token = "forged" }));
        Assert.Equal(1, (await DataOf(await SendAsync(Client, HttpMethod.Get, $"/api/v1/lounges?q={tag}&mine=true", stranger))).GetArrayLength());
        await using var member = await HubSocket.ConnectAsync(Factory, "chat", stranger);
        Assert.Equal($"lounge/{id}", (await member.InvokeAsync("JoinRoom", new { room = $"lounge/{id}" })).GetProperty("room").GetString());
    }

    [Fact]
    public async Task Staff_read_the_history_of_private_and_deleted_lounges_members_do_not()
    {
        var (owner, _) = await SignUpAsync(Client);
        var admin = await AdminTokenAsync(Client);
        var id = await LoungeAsync(owner, "Archive", "private");

        Assert.Equal("200", await Outcome(HttpMethod.Get, $"/api/v1/lounges/{id}/messages", admin));
        Assert.Equal("204", await Outcome(HttpMethod.Delete, $"/api/v1/lounges/{id}?reason=done", owner));
        Assert.Equal("404 LOUNGE_NOT_FOUND", await Outcome(HttpMethod.Get, $"/api/v1/lounges/{id}/messages", owner));
        Assert.Equal("404 LOUNGE_NOT_FOUND", await Outcome(HttpMethod.Get, $"/api/v1/lounges/{id}", owner));
        Assert.Equal("200", await Outcome(HttpMethod.Get, $"/api/v1/lounges/{id}/messages", admin));
        Assert.Equal("200", await Outcome(HttpMethod.Get, $"/api/v1/lounges/{id}/moderation-log", admin));
    }

    [Fact]
    public async Task A_moderator_of_one_lounge_cannot_moderate_another_and_only_the_owner_names_moderators_or_changes_the_lounge()
    {
        var (owner, _) = await SignUpAsync(Client);
        var (moderator, moderatorId) = await SignUpAsync(Client);
        var (member, memberId) = await SignUpAsync(Client);
        var a = await LoungeAsync(owner, "Lounge A", "public");
        var b = await LoungeAsync(owner, "Lounge B", "public");
        foreach (var (token, lounge) in new[] { (moderator, a), (member, a), (moderator, b), (member, b) })
        {
            Assert.Equal("200", await Outcome(HttpMethod.Post, $"/api/v1/lounges/{lounge}/members", token));
        }
        Assert.Equal("403 NOT_LOUNGE_OWNER", await Outcome(HttpMethod.Put, $"/api/v1/lounges/{a}/members/{moderatorId}/role", moderator, new { role = "moderator" }));
        Assert.Equal("204", await Outcome(HttpMethod.Put, $"/api/v1/lounges/{a}/members/{moderatorId}/role", owner, new { role = "moderator" }));

        Assert.Equal("200", await Outcome(HttpMethod.Put, $"/api/v1/lounges/{a}/members/{memberId}/mute", moderator, new { minutes = 5, reason = "calm" }));
        Assert.Equal("403 NOT_LOUNGE_MODERATOR", await Outcome(HttpMethod.Put, $"/api/v1/lounges/{b}/members/{memberId}/mute", moderator, new { minutes = 5 }));
        Assert.Equal("403 NOT_LOUNGE_MODERATOR", await Outcome(HttpMethod.Delete, $"/api/v1/lounges/{b}/members/{memberId}", moderator));
        Assert.Equal("403 NOT_LOUNGE_MODERATOR", await Outcome(HttpMethod.Post, $"/api/v1/lounges/{b}/invites", moderator, new { }));
        Assert.Equal("403 NOT_LOUNGE_MODERATOR", await Outcome(HttpMethod.Get, $"/api/v1/lounges/{b}/moderation-log", moderator));
        Assert.Equal("403 NOT_LOUNGE_OWNER", await Outcome(HttpMethod.Patch, $"/api/v1/lounges/{a}", moderator, new { name = "Mine now" }));
        Assert.Equal("403 NOT_LOUNGE_OWNER", await Outcome(HttpMethod.Delete, $"/api/v1/lounges/{a}", moderator));
        Assert.Equal("403 NOT_LOUNGE_OWNER", await Outcome(HttpMethod.Get, $"/api/v1/lounges/{a}/join-requests", moderator));
        Assert.Equal("409 OWNER_PROTECTED", await Outcome(HttpMethod.Delete, $"/api/v1/lounges/{a}/members/me", owner));
        Assert.Equal("200", await Outcome(HttpMethod.Patch, $"/api/v1/lounges/{a}", owner, new { name = "Lounge A2", visibility = "private" }));

        var log = await DataOf(await SendAsync(Client, HttpMethod.Get, $"/api/v1/lounges/{a}/moderation-log", moderator));
        Assert.Equal(["visibility", "rename", "mute", "role"], log.EnumerateArray().Select(e => e.GetProperty("action").GetString()));
        Assert.Equal(moderatorId.ToString(), log[2].GetProperty("moderatorId").GetString());
    }

    [Fact]
    public async Task A_removed_member_hears_removedFromRoom_and_a_muted_one_gets_MUTED()
    {
        var (owner, _) = await SignUpAsync(Client);
        var (member, memberId) = await SignUpAsync(Client);
        var (quiet, quietId) = await SignUpAsync(Client);
        var id = await LoungeAsync(owner, "Live", "public");
        var room = $"lounge/{id}";
        await using var memberHub = await HubSocket.ConnectAsync(Factory, "chat", member);
        await using var quietHub = await HubSocket.ConnectAsync(Factory, "chat", quiet);
        await memberHub.InvokeAsync("JoinRoom", new { room });
        await quietHub.InvokeAsync("JoinRoom", new { room });
        await memberHub.InvokeAsync("SendMessage", new { room, text = "hello" });

        Assert.Equal("200", await Outcome(HttpMethod.Put, $"/api/v1/lounges/{id}/members/{quietId}/mute", owner, new { minutes = 10 }));
        var muted = await Assert.ThrowsAsync<HubError>(() => quietHub.InvokeAsync("SendMessage", new { room, text = "still here" }));
        Assert.Equal("MUTED", muted.Code);

        Assert.Equal("204", await Outcome(HttpMethod.Delete, $"/api/v1/lounges/{id}/members/{memberId}?reason=rude", owner));
        await memberHub.NextEventAsync("removedFromRoom");
        var refused = await Assert.ThrowsAsync<HubError>(() => memberHub.InvokeAsync("SendMessage", new { room, text = "again" }));
        Assert.Contains(refused.Code, new[] { "FORBIDDEN", "NOT_LOUNGE_MEMBER" });
        Assert.Equal("404 MEMBER_NOT_FOUND", await Outcome(HttpMethod.Delete, $"/api/v1/lounges/{id}/members/{memberId}", owner));

        // Removed stays removed: the public lounge does not take them back by REST or by entering its room, an invite does.
        Assert.Equal("403 REMOVED_FROM_LOUNGE", await Outcome(HttpMethod.Post, $"/api/v1/lounges/{id}/members", member));
        var rejoin = await Assert.ThrowsAsync<HubError>(() => memberHub.InvokeAsync("JoinRoom", new { room }));
        Assert.Equal("NOT_LOUNGE_MEMBER", rejoin.Code);
        var invite = await InviteTokenAsync(owner, id);
        Assert.Equal("200", await Outcome(HttpMethod.Post, "/api/v1/lounge-invites/accept", member, new { token = invite }));
        Assert.Equal(room, (await memberHub.InvokeAsync("JoinRoom", new { room })).GetProperty("room").GetString());
    }

    [Fact]
    public async Task A_join_request_waits_for_the_owner_who_approves_it()
    {
        var (owner, _) = await SignUpAsync(Client);
        var (asker, askerId) = await SignUpAsync(Client);
        var id = await LoungeAsync(owner, "By approval", "private");

        Assert.Equal("202", await Outcome(HttpMethod.Post, $"/api/v1/lounges/{id}/join-requests", asker, new { message = "please" }));
        var pending = await DataOf(await SendAsync(Client, HttpMethod.Get, $"/api/v1/lounges/{id}/join-requests", owner));
        Assert.Equal(askerId, pending[0].GetProperty("userId").GetGuid());
        Assert.Equal("204", await Outcome(HttpMethod.Post, $"/api/v1/lounges/{id}/join-requests/{askerId}/approve", owner));
        Assert.Equal("404 JOIN_REQUEST_NOT_FOUND", await Outcome(HttpMethod.Post, $"/api/v1/lounges/{id}/join-requests/{askerId}/reject", owner));
        Assert.Equal("409 ALREADY_MEMBER", await Outcome(HttpMethod.Post, $"/api/v1/lounges/{id}/join-requests", asker, new { }));
        Assert.Equal("200", await Outcome(HttpMethod.Get, $"/api/v1/lounges/{id}/members", asker));
    }
}
