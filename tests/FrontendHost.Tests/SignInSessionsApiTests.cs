using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using OrleansRides.FrontendHost.Auth;
using OrleansRides.Tests.Shared;
using static OrleansRides.FrontendHost.Tests.Accounts;

namespace OrleansRides.FrontendHost.Tests;

/// <summary>Issue 11, "Sessions": login and signup start a sign-in session with a refresh token; refresh rotates it, reuse
/// ends the session, my devices are listed and signed out (their tokens and hub connections end at once), logout ends the
/// session, and an admin ends all sessions of a user or deactivates them, effective on every frontend.</summary>
[Collection(FrontendCollection.Name)]
public sealed class SignInSessionsApiTests(TestDatabase database) : FrontendTest(database, Frontend())
{
    private const string FirefoxOnLinux = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0";
    private const string SafariOnIPhone =
        "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1";

    /// <summary>Signs in with <paramref name="userAgent"/>; returns the response's <c>data</c>.</summary>
    private static async Task<JsonElement> SignInAsync(HttpClient client, string email, string? userAgent = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/auth/login") { Content = JsonContent.Create(new { email, password = "password-1" }) };
        if (userAgent is not null)
        {
            request.Headers.TryAddWithoutValidation("User-Agent", userAgent);
        }
        var response = await client.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("data");
    }

    private static Task<HttpResponseMessage> RefreshAsync(HttpClient client, string? refreshToken) =>
        client.PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken });

    private static string Access(JsonElement data) => data.GetProperty("accessToken").GetString()!;

    private static string Refresh(JsonElement data) => data.GetProperty("refreshToken").GetString()!;

    private static async Task<JsonElement> DataOf(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("data");

    private async Task<(string Email, Guid Id)> MemberAsync()
    {
        var email = NewEmail("devices");
        var (_, id) = await SignUpAsync(Client, email);
        return (email, id);
    }

    [Fact]
    public async Task Signup_and_login_return_a_refresh_token_and_the_access_token_names_the_session()
    {
        var email = NewEmail("fresh");
        var signup = await Client.PostAsJsonAsync("/api/v1/auth/signup", new { email, password = "password-1", name = "Fresh" });
        var signedUp = await DataOf(signup);
        var login = await SignInAsync(Client, email, FirefoxOnLinux);

        foreach (var data in new[] { signedUp, login })
        {
            Assert.Equal(43, Refresh(data).Length);
            var sessionId = data.GetProperty("sessionId").GetGuid();
            var refreshExpires = data.GetProperty("refreshTokenExpiresAt").GetDateTimeOffset();
            Assert.InRange(refreshExpires, DateTimeOffset.UtcNow.AddDays(29), DateTimeOffset.UtcNow.AddDays(31));
            var claims = new Microsoft.IdentityModel.JsonWebTokens.JsonWebToken(Access(data));
            Assert.Equal(sessionId.ToString(), claims.GetClaim("sid").Value);
        }
        Assert.NotEqual(signedUp.GetProperty("sessionId").GetGuid(), login.GetProperty("sessionId").GetGuid());
    }

    [Fact]
    public async Task Refresh_rotates_the_token_and_reusing_the_old_one_ends_the_session_and_its_access_tokens()
    {
        var (email, _) = await MemberAsync();
        var first = await SignInAsync(Client, email);

        var rotated = await RefreshAsync(Client, Refresh(first));

        Assert.Equal(HttpStatusCode.OK, rotated.StatusCode);
        var second = await DataOf(rotated);
        Assert.Equal(first.GetProperty("sessionId").GetGuid(), second.GetProperty("sessionId").GetGuid());
        Assert.NotEqual(Refresh(first), Refresh(second));
        Assert.Equal(email, second.GetProperty("user").GetProperty("email").GetString());
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(Client, HttpMethod.Get, "/api/v1/auth/me", Access(second))).StatusCode);
        await using var hub = await HubSocket.ConnectAsync(Factory, "chat", Access(second));

        var reused = await RefreshAsync(Client, Refresh(first));

        Assert.Equal(HttpStatusCode.Unauthorized, reused.StatusCode);
        Assert.Equal("REFRESH_TOKEN_REUSED", await CodeOf(reused));
        Assert.True(await hub.ClosesWithinAsync(TimeSpan.FromSeconds(10)), "the session's hub connection is closed");
        Assert.Equal(HttpStatusCode.Unauthorized, (await SendAsync(Client, HttpMethod.Get, "/api/v1/auth/me", Access(second))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await SendAsync(Client, HttpMethod.Get, "/api/v1/auth/me", Access(first))).StatusCode);
        var afterwards = await RefreshAsync(Client, Refresh(second));
        Assert.Equal(HttpStatusCode.Unauthorized, afterwards.StatusCode);
        Assert.Equal("SESSION_REVOKED", await CodeOf(afterwards));
    }

    [Fact]
    public async Task Concurrent_refreshes_of_one_token_give_exactly_one_success()
    {
        var (email, _) = await MemberAsync();
        var token = Refresh(await SignInAsync(Client, email));

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => RefreshAsync(Client, token)));

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.OK);
        var refused = responses.Where(r => r.StatusCode != HttpStatusCode.OK).ToList();
        Assert.All(refused, r => Assert.Equal(HttpStatusCode.Unauthorized, r.StatusCode));
        var codes = await Task.WhenAll(refused.Select(CodeOf));
        Assert.Contains("REFRESH_TOKEN_REUSED", codes);
        Assert.All(codes, code => Assert.Contains(code, new[] { "REFRESH_TOKEN_REUSED", "SESSION_REVOKED" }));
    }

    [Fact]
    public async Task Unknown_tokens_are_refused_with_a_code()
    {
        var unknown = await RefreshAsync(Client, new string('A', 43));
        Assert.Equal(HttpStatusCode.Unauthorized, unknown.StatusCode);
        Assert.Equal("INVALID_REFRESH_TOKEN", await CodeOf(unknown));
    }

    [Fact]
    public async Task An_access_token_older_than_its_lifetime_is_refused_while_the_refresh_token_still_works()
    {
        var (email, id) = await MemberAsync();
        var session = await SignInAsync(Client, email);
        // The server's own key and claims, issued 16 minutes ago: what a page holds after a quarter of an hour asleep.
        var past = new ManualTimeProvider(DateTimeOffset.UtcNow.AddMinutes(-16));
        var issuer = new AccessTokens(Options.Create(new AuthOptions { SigningKey = SigningKey }), past, NullLogger<AccessTokens>.Instance);
        var account = new UserAccount(id, email, "Tess Ter", "", "member");
        var stale = issuer.ForUser(account, session.GetProperty("sessionId").GetGuid());
        Assert.True(stale.ExpiresAt < DateTimeOffset.UtcNow);

        var refused = await SendAsync(Client, HttpMethod.Get, "/api/v1/auth/me", stale.Token);
        await Assert.ThrowsAnyAsync<InvalidOperationException>(() => HubSocket.ConnectAsync(Factory, "chat", stale.Token));
        var refreshed = await RefreshAsync(Client, Refresh(session));

        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal(HttpStatusCode.OK, refreshed.StatusCode);
        var fresh = Access(await DataOf(refreshed));
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(Client, HttpMethod.Get, "/api/v1/auth/me", fresh)).StatusCode);
        await using var hub = await HubSocket.ConnectAsync(Factory, "chat", fresh);
        Assert.Equal("radio/live", (await hub.InvokeAsync("JoinRoom", new { room = "radio/live" })).GetProperty("room").GetString());
    }

    [Fact]
    public async Task My_devices_are_listed_with_the_current_one_marked_and_signing_one_out_ends_it_at_once()
    {
        var (email, _) = await MemberAsync();
        var laptop = await SignInAsync(Client, email, FirefoxOnLinux);
        var phone = await SignInAsync(Client, email, SafariOnIPhone);
        await using var phoneHub = await HubSocket.ConnectAsync(Factory, "chat", Access(phone));
        await using var laptopHub = await HubSocket.ConnectAsync(Factory, "chat", Access(laptop));

        var listed = await SendAsync(Client, HttpMethod.Get, "/api/v1/auth/sessions", Access(laptop));

        Assert.Equal(HttpStatusCode.OK, listed.StatusCode);
        var body = await listed.Content.ReadFromJsonAsync<JsonElement>();
        var devices = body.GetProperty("data").EnumerateArray().ToDictionary(s => s.GetProperty("deviceLabel").GetString()!);
        Assert.Equal(3, body.GetProperty("pagination").GetProperty("total").GetInt32()); // signup, laptop, phone
        Assert.True(devices["Firefox on Linux"].GetProperty("current").GetBoolean());
        Assert.False(devices["Safari on iPhone"].GetProperty("current").GetBoolean());
        Assert.Equal(phone.GetProperty("sessionId").GetGuid(), devices["Safari on iPhone"].GetProperty("id").GetGuid());
        Assert.All(devices.Values, d => Assert.True(d.TryGetProperty("lastUsedAt", out _) && d.TryGetProperty("expiresAt", out _) && d.TryGetProperty("createdAt", out _)));

        var signedOut = await SendAsync(Client, HttpMethod.Delete, $"/api/v1/auth/sessions/{phone.GetProperty("sessionId").GetGuid()}", Access(laptop));

        Assert.Equal(HttpStatusCode.NoContent, signedOut.StatusCode);
        Assert.True(await phoneHub.ClosesWithinAsync(TimeSpan.FromSeconds(10)), "the signed-out device's hub connection is closed");
        Assert.Equal(HttpStatusCode.Unauthorized, (await SendAsync(Client, HttpMethod.Get, "/api/v1/auth/me", Access(phone))).StatusCode);
        Assert.Equal("SESSION_REVOKED", await CodeOf(await RefreshAsync(Client, Refresh(phone))));
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(Client, HttpMethod.Get, "/api/v1/auth/me", Access(laptop))).StatusCode);
        Assert.Equal("radio/live", (await laptopHub.InvokeAsync("JoinRoom", new { room = "radio/live" })).GetProperty("room").GetString());
        var again = await SendAsync(Client, HttpMethod.Delete, $"/api/v1/auth/sessions/{phone.GetProperty("sessionId").GetGuid()}", Access(laptop));
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        Assert.Equal("SESSION_NOT_FOUND", await CodeOf(again));
    }

    [Fact]
    public async Task Nobody_signs_out_someone_elses_device()
    {
        var (email, _) = await MemberAsync();
        var mine = await SignInAsync(Client, email);
        var (otherEmail, _) = await MemberAsync();
        var theirs = await SignInAsync(Client, otherEmail);

        var attempt = await SendAsync(Client, HttpMethod.Delete, $"/api/v1/auth/sessions/{theirs.GetProperty("sessionId").GetGuid()}", Access(mine));
        var unknown = await SendAsync(Client, HttpMethod.Delete, $"/api/v1/auth/sessions/{Guid.NewGuid()}", Access(mine));

        Assert.Equal(HttpStatusCode.NotFound, attempt.StatusCode);
        Assert.Equal("SESSION_NOT_FOUND", await CodeOf(attempt));
        Assert.Equal("SESSION_NOT_FOUND", await CodeOf(unknown));
        Assert.Equal(HttpStatusCode.OK, (await RefreshAsync(Client, Refresh(theirs))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await SendAsync(Client, HttpMethod.Get, "/api/v1/auth/sessions", null)).StatusCode);
        var listener = (await (await Client.PostAsJsonAsync("/api/v1/livechat/session", new { displayName = "Guest" }))
            .Content.ReadFromJsonAsync<JsonElement>()).GetProperty("data").GetProperty("token").GetString();
        Assert.Equal(HttpStatusCode.Forbidden, (await SendAsync(Client, HttpMethod.Get, "/api/v1/auth/sessions", listener)).StatusCode);
    }

    [Fact]
    public async Task Logout_ends_the_current_session_and_no_other()
    {
        var (email, _) = await MemberAsync();
        var here = await SignInAsync(Client, email);
        var there = await SignInAsync(Client, email);

        Assert.Equal(HttpStatusCode.NoContent, (await SendAsync(Client, HttpMethod.Post, "/api/v1/auth/logout", Access(here))).StatusCode);

        var refresh = await RefreshAsync(Client, Refresh(here));
        Assert.Equal(HttpStatusCode.Unauthorized, refresh.StatusCode);
        Assert.Equal("SESSION_REVOKED", await CodeOf(refresh));
        Assert.Equal(HttpStatusCode.OK, (await RefreshAsync(Client, Refresh(there))).StatusCode);
    }

    [Fact]
    public async Task An_admin_ends_all_sessions_of_a_user_at_once()
    {
        var (email, id) = await MemberAsync();
        var one = await SignInAsync(Client, email);
        var two = await SignInAsync(Client, email);
        await using var hub = await HubSocket.ConnectAsync(Factory, "chat", Access(two));
        var admin = await AdminTokenAsync(Client);
        var path = $"/api/v1/admin/users/{id}/sessions";

        Assert.Equal(HttpStatusCode.Forbidden, (await SendAsync(Client, HttpMethod.Delete, path, Access(one))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await SendAsync(Client, HttpMethod.Delete, path, null)).StatusCode);
        var unknown = await SendAsync(Client, HttpMethod.Delete, $"/api/v1/admin/users/{Guid.NewGuid()}/sessions", admin);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("USER_NOT_FOUND", await CodeOf(unknown));

        var ended = await SendAsync(Client, HttpMethod.Delete, path, admin);

        Assert.Equal(HttpStatusCode.NoContent, ended.StatusCode);
        Assert.True(await hub.ClosesWithinAsync(TimeSpan.FromSeconds(10)), "the user's hub connection is closed");
        foreach (var session in new[] { one, two })
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await SendAsync(Client, HttpMethod.Get, "/api/v1/auth/me", Access(session))).StatusCode);
            Assert.Equal("SESSION_REVOKED", await CodeOf(await RefreshAsync(Client, Refresh(session))));
        }
        var back = await SignInAsync(Client, email);
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(Client, HttpMethod.Get, "/api/v1/auth/me", Access(back))).StatusCode);
    }

    [Fact]
    public async Task Deactivation_is_effective_on_a_second_frontend_at_once_and_refresh_is_refused()
    {
        await using var otherFrontend = Frontend();
        var other = otherFrontend.CreateClient();
        var (email, id) = await MemberAsync();
        var session = await SignInAsync(other, email);
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(other, HttpMethod.Get, "/api/v1/auth/sessions", Access(session))).StatusCode);
        var admin = await AdminTokenAsync(Client);

        var deactivated = await SendAsync(Client, HttpMethod.Put, $"/api/v1/admin/users/{id}/active", admin, new { isActive = false });

        Assert.Equal(HttpStatusCode.OK, deactivated.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await SendAsync(other, HttpMethod.Get, "/api/v1/auth/sessions", Access(session))).StatusCode);
        var refresh = await RefreshAsync(other, Refresh(session));
        Assert.Equal(HttpStatusCode.Forbidden, refresh.StatusCode);
        Assert.Equal("ACCOUNT_INACTIVE", await CodeOf(refresh));

        // Reactivation does not bring the old device back: deactivation ended its session.
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(Client, HttpMethod.Put, $"/api/v1/admin/users/{id}/active", admin, new { isActive = true })).StatusCode);
        var afterwards = await RefreshAsync(other, Refresh(session));
        Assert.Equal(HttpStatusCode.Unauthorized, afterwards.StatusCode);
        Assert.Equal("SESSION_REVOKED", await CodeOf(afterwards));
    }

    [Fact]
    public async Task Every_session_operation_lists_its_statuses_in_the_openapi_document()
    {
        var document = await Client.GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        string Describe(string method, string path) =>
            $"{method} {path} " + string.Join(',', document.GetProperty("paths").GetProperty(path).GetProperty(method.ToLowerInvariant())
                .GetProperty("responses").EnumerateObject().Select(r => r.Name).Order(StringComparer.Ordinal));

        Assert.Equal(
        [
            "POST /api/v1/auth/refresh 200,400,401,403,429",
            "GET /api/v1/auth/sessions 200,400,401,403",
            "DELETE /api/v1/auth/sessions/{id} 204,401,403,404",
            "DELETE /api/v1/admin/users/{id}/sessions 204,401,403,404",
            "POST /api/v1/auth/logout 204,401",
        ],
        [
            Describe("POST", "/api/v1/auth/refresh"), Describe("GET", "/api/v1/auth/sessions"),
            Describe("DELETE", "/api/v1/auth/sessions/{id}"), Describe("DELETE", "/api/v1/admin/users/{id}/sessions"),
            Describe("POST", "/api/v1/auth/logout"),
        ]);
    }
}
