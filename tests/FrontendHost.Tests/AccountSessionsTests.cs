using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using OrleansRides.Tests.Shared;
using static OrleansRides.FrontendHost.Tests.Accounts;

namespace OrleansRides.FrontendHost.Tests;

/// <summary>Tokens and hub connections follow the account: a role change, a deactivation and a token's expiry end them
/// (issue 8, item 3).</summary>
[Collection(FrontendCollection.Name)]
public sealed class AccountSessionsTests(TestDatabase database) : IAsyncLifetime
{
    private readonly FrontendFactory _factory = Frontend();
    private HttpClient _client = null!;

    public Task InitializeAsync()
    {
        _ = database;
        _client = _factory.CreateClient();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task A_demoted_DJ_is_disconnected_cannot_approve_and_its_old_token_is_refused_on_every_frontend()
    {
        await using var otherFrontend = Frontend();
        var other = otherFrontend.CreateClient();
        var (email, id, djToken) = await MemberWithRoleAsync("penyiar");
        await using var here = await HubSocket.ConnectAsync(_factory, "studio", djToken);
        // The other frontend has its own in-process topic bus, so the close event never reaches it: only the database check
        // stands between this connection and a decision.
        await using var there = await HubSocket.ConnectAsync(otherFrontend, "studio", djToken);
        var song = await SendAsync(other, HttpMethod.Post, "/api/v1/services/song_request", null, new { title = "Blue Monday", requesterName = "Ann" });
        var requestId = (await song.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("data").GetProperty("id").GetString();

        var demoted = await SendAsync(_client, HttpMethod.Put, $"/api/v1/admin/users/{id}/role", await AdminTokenAsync(_client), new { role = "member" });

        Assert.Equal(HttpStatusCode.OK, demoted.StatusCode);
        Assert.True(await here.ClosesWithinAsync(TimeSpan.FromSeconds(10)), "the demoted DJ's studio connection is closed");
        var approve = await Assert.ThrowsAsync<HubError>(() => there.InvokeAsync("ApproveRequest", requestId));
        Assert.Equal("UNAUTHORIZED", approve.Code);
        Assert.Equal(HttpStatusCode.Unauthorized, (await SendAsync(_client, HttpMethod.Get, "/api/v1/auth/me", djToken)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await SendAsync(other, HttpMethod.Get, "/api/v1/auth/me", djToken)).StatusCode);
        await Assert.ThrowsAnyAsync<InvalidOperationException>(() => HubSocket.ConnectAsync(otherFrontend, "chat", djToken));
        var fresh = await LoginAsync(other, email, "password-1");
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(other, HttpMethod.Get, "/api/v1/auth/me", fresh)).StatusCode);
        await Assert.ThrowsAnyAsync<InvalidOperationException>(() => HubSocket.ConnectAsync(otherFrontend, "studio", fresh));
    }

    [Fact]
    public async Task Setting_the_role_an_account_already_has_revokes_nothing()
    {
        var (_, id, editor) = await MemberWithRoleAsync("editor");
        await using var chat = await HubSocket.ConnectAsync(_factory, "chat", editor);

        var same = await SendAsync(_client, HttpMethod.Put, $"/api/v1/admin/users/{id}/role", await AdminTokenAsync(_client), new { role = "editor" });

        Assert.Equal(HttpStatusCode.OK, same.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(_client, HttpMethod.Get, "/api/v1/auth/me", editor)).StatusCode);
        Assert.Equal("radio/live", (await chat.InvokeAsync("JoinRoom", new { room = "radio/live" })).GetProperty("room").GetString());
    }

    [Fact]
    public async Task A_deactivated_account_is_disconnected_refused_everywhere_and_cannot_log_in_until_reactivated()
    {
        var email = NewEmail("leaving");
        var (token, id) = await SignUpAsync(_client, email);
        var admin = await AdminTokenAsync(_client);
        await using var chat = await HubSocket.ConnectAsync(_factory, "chat", token);
        await chat.InvokeAsync("JoinRoom", new { room = "radio/live" });

        var deactivated = await SendAsync(_client, HttpMethod.Put, $"/api/v1/admin/users/{id}/active", admin, new { isActive = false });

        Assert.Equal(HttpStatusCode.OK, deactivated.StatusCode);
        Assert.False((await deactivated.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("data").GetProperty("isActive").GetBoolean());
        Assert.True(await chat.ClosesWithinAsync(TimeSpan.FromSeconds(10)), "the deactivated member's chat connection is closed");
        Assert.Equal(HttpStatusCode.Unauthorized, (await SendAsync(_client, HttpMethod.Get, "/api/v1/auth/me", token)).StatusCode);
        var login = await _client.PostAsJsonAsync("/api/v1/auth/login", new { email, password = "password-1" });
        Assert.Equal(HttpStatusCode.Forbidden, login.StatusCode);
        Assert.Equal("ACCOUNT_INACTIVE", await CodeOf(login));

        var reactivated = await SendAsync(_client, HttpMethod.Put, $"/api/v1/admin/users/{id}/active", admin, new { isActive = true });
        var again = await LoginAsync(_client, email, "password-1");

        Assert.Equal(HttpStatusCode.OK, reactivated.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(_client, HttpMethod.Get, "/api/v1/auth/me", again)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await SendAsync(_client, HttpMethod.Get, "/api/v1/auth/me", token)).StatusCode);
    }

    [Fact]
    public async Task The_active_endpoint_is_for_admins_validates_its_body_and_knows_its_users()
    {
        var (member, memberId) = await SignUpAsync(_client);
        var admin = await AdminTokenAsync(_client);
        var path = $"/api/v1/admin/users/{memberId}/active";

        Assert.Equal(HttpStatusCode.Unauthorized, (await SendAsync(_client, HttpMethod.Put, path, null, new { isActive = false })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await SendAsync(_client, HttpMethod.Put, path, member, new { isActive = false })).StatusCode);
        var missing = await SendAsync(_client, HttpMethod.Put, path, admin, new { });
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Equal("VALIDATION_FAILED", await CodeOf(missing));
        var wrongType = await SendAsync(_client, HttpMethod.Put, path, admin, new { isActive = "no" });
        Assert.Equal(HttpStatusCode.BadRequest, wrongType.StatusCode);
        var unknown = await SendAsync(_client, HttpMethod.Put, $"/api/v1/admin/users/{Guid.NewGuid()}/active", admin, new { isActive = false });
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("USER_NOT_FOUND", await CodeOf(unknown));

        var document = await _client.GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        var responses = document.GetProperty("paths").GetProperty("/api/v1/admin/users/{id}/active").GetProperty("put").GetProperty("responses");
        Assert.All(new[] { "200", "400", "401", "403", "404" }, status => Assert.True(responses.TryGetProperty(status, out _), status));
    }

    [Fact]
    public async Task A_hub_connection_is_closed_when_its_short_lived_token_expires_and_a_longer_one_stays()
    {
        // SignalR checks expiry against the real clock (once a second), so this test uses a 2-second token, not a fake clock.
        await using var shortLived = Frontend().With("Auth:AccessTokenLifetime", "00:00:02");
        var client = shortLived.CreateClient();
        var signup = await client.PostAsJsonAsync("/api/v1/auth/signup", new { email = NewEmail("brief"), password = "password-1", name = "Brief" });
        var data = (await signup.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("data");
        var expiresAt = data.GetProperty("expiresAt").GetDateTimeOffset();
        var listener = (await (await client.PostAsJsonAsync("/api/v1/livechat/session", new { displayName = "Stays" }))
            .Content.ReadFromJsonAsync<JsonElement>()).GetProperty("data").GetProperty("token").GetString();
        await using var brief = await HubSocket.ConnectAsync(shortLived, "chat", data.GetProperty("accessToken").GetString());
        await using var stays = await HubSocket.ConnectAsync(shortLived, "chat", listener);

        Assert.True(await brief.ClosesWithinAsync(TimeSpan.FromSeconds(15)), "the connection is closed at its token's expiry");
        Assert.True(DateTimeOffset.UtcNow >= expiresAt.AddSeconds(-1), $"closed at {DateTimeOffset.UtcNow:O}, before the token expired at {expiresAt:O}");
        Assert.Equal("radio/live", (await stays.InvokeAsync("JoinRoom", new { room = "radio/live" })).GetProperty("room").GetString());
    }

    /// <summary>Signs up a member, has the admin give it <paramref name="role"/> and logs in again.</summary>
    private async Task<(string Email, Guid Id, string Token)> MemberWithRoleAsync(string role)
    {
        var email = NewEmail(role);
        var (_, id) = await SignUpAsync(_client, email);
        var set = await SendAsync(_client, HttpMethod.Put, $"/api/v1/admin/users/{id}/role", await AdminTokenAsync(_client), new { role });
        set.EnsureSuccessStatusCode();
        return (email, id, await LoginAsync(_client, email, "password-1"));
    }
}
