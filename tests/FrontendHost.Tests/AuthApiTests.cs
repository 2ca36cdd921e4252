using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Dapper;
using OrleansRides.Tests.Shared;
using static OrleansRides.FrontendHost.Tests.Accounts;

namespace OrleansRides.FrontendHost.Tests;

[Collection(FrontendCollection.Name)]
public sealed class AuthApiTests(TestDatabase database) : IAsyncLifetime
{
    private readonly FrontendFactory _factory = Frontend();
    private HttpClient _client = null!;

    public Task InitializeAsync()
    {
        _client = _factory.CreateClient();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task Signup_then_login_gives_a_15_minute_token_that_me_accepts()
    {
        var email = NewEmail();
        await SignUpAsync(_client, email);

        var login = await _client.PostAsJsonAsync("/api/v1/auth/login", new { email = email.ToUpperInvariant(), password = "password-1" });
        var data = (await login.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("data");
        var me = await SendAsync(_client, HttpMethod.Get, "/api/v1/auth/me", data.GetProperty("accessToken").GetString());

        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        var lifetime = data.GetProperty("expiresAt").GetDateTimeOffset() - DateTimeOffset.UtcNow;
        Assert.InRange(lifetime.TotalMinutes, 14, 15);
        Assert.Equal(email, (await me.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("data").GetProperty("email").GetString());
        Assert.Equal("member", data.GetProperty("user").GetProperty("role").GetString());
        Assert.False(data.GetProperty("user").TryGetProperty("passwordHash", out _));
    }

    [Fact]
    public async Task Signup_validates_fields_and_refuses_a_taken_email_in_any_case()
    {
        var email = NewEmail();
        await SignUpAsync(_client, email);

        var shortPassword = await _client.PostAsJsonAsync("/api/v1/auth/signup", new { email = NewEmail(), password = "short", name = "X" });
        var badEmail = await _client.PostAsJsonAsync("/api/v1/auth/signup", new { email = "not-an-email", password = "password-1", name = "X" });
        var taken = await _client.PostAsJsonAsync("/api/v1/auth/signup", new { email = email.ToUpperInvariant(), password = "password-1", name = "X" });
        var wrongType = await _client.PostAsync("/api/v1/auth/signup", new StringContent("""{"email": 5}""", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, shortPassword.StatusCode);
        Assert.Contains("password", await shortPassword.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, badEmail.StatusCode);
        Assert.Contains("email", await badEmail.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Conflict, taken.StatusCode);
        Assert.Equal("EMAIL_TAKEN", await CodeOf(taken));
        Assert.Equal("MALFORMED_JSON", await CodeOf(wrongType));
    }

    [Fact]
    public async Task A_token_stops_working_at_once_after_logout_also_on_another_frontend()
    {
        await using var otherFrontend = Frontend();
        var other = otherFrontend.CreateClient();
        var (token, _) = await SignUpAsync(_client);
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(other, HttpMethod.Get, "/api/v1/auth/me", token)).StatusCode);

        var logout = await SendAsync(_client, HttpMethod.Post, "/api/v1/auth/logout", token);

        Assert.Equal(HttpStatusCode.NoContent, logout.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await SendAsync(_client, HttpMethod.Get, "/api/v1/auth/me", token)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await SendAsync(other, HttpMethod.Get, "/api/v1/auth/me", token)).StatusCode);
    }

    [Fact]
    public async Task Forged_and_garbage_tokens_are_401_with_a_problem_document()
    {
        var (token, _) = await SignUpAsync(_client);
        var parts = token.Split('.');
        var forgedPayload = Convert.ToBase64String(Encoding.UTF8.GetBytes(
            Encoding.UTF8.GetString(Convert.FromBase64String(Pad(parts[1]))).Replace("\"member\"", "\"admin\""))).TrimEnd('=').Replace('+', '-').Replace('/', '_');

        var forged = await SendAsync(_client, HttpMethod.Get, "/api/v1/auth/me", $"{parts[0]}.{forgedPayload}.{parts[2]}");
        var garbage = await SendAsync(_client, HttpMethod.Get, "/api/v1/auth/me", "garbage");

        Assert.Equal(HttpStatusCode.Unauthorized, forged.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, garbage.StatusCode);
        Assert.Equal("UNAUTHORIZED", await CodeOf(garbage));
    }

    [Fact]
    public async Task A_member_cannot_reach_admin_routes_and_an_admin_can()
    {
        var (member, memberId) = await SignUpAsync(_client);
        var admin = await AdminTokenAsync(_client);

        var asMember = await SendAsync(_client, HttpMethod.Put, $"/api/v1/admin/users/{memberId}/role", member, new { role = "admin" });
        var settingsAsMember = await SendAsync(_client, HttpMethod.Put, "/api/v1/rooms/radio/live/settings", member, new { slowModeSeconds = 5 });
        var anonymous = await SendAsync(_client, HttpMethod.Put, $"/api/v1/admin/users/{memberId}/role", null, new { role = "admin" });
        var asAdmin = await SendAsync(_client, HttpMethod.Put, $"/api/v1/admin/users/{memberId}/role", admin, new { role = "editor" });
        var badRole = await SendAsync(_client, HttpMethod.Put, $"/api/v1/admin/users/{memberId}/role", admin, new { role = "superuser" });

        Assert.Equal(HttpStatusCode.Forbidden, asMember.StatusCode);
        Assert.Equal("FORBIDDEN", await CodeOf(asMember));
        Assert.Equal(HttpStatusCode.Forbidden, settingsAsMember.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.OK, asAdmin.StatusCode);
        Assert.Equal("editor", (await asAdmin.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("data").GetProperty("role").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, badRole.StatusCode);
    }

    [Fact]
    public async Task Brute_force_gets_429_with_Retry_After_even_for_the_right_password()
    {
        var email = NewEmail("victim");
        await SignUpAsync(_client, email);
        try
        {
            var statuses = new List<HttpStatusCode>();
            for (var i = 0; i < 5; i++)
            {
                statuses.Add((await _client.PostAsJsonAsync("/api/v1/auth/login", new { email, password = $"guess-{i}" })).StatusCode);
            }
            var sixth = await _client.PostAsJsonAsync("/api/v1/auth/login", new { email, password = "password-1" });

            Assert.All(statuses, s => Assert.Equal(HttpStatusCode.Unauthorized, s));
            Assert.Equal(HttpStatusCode.TooManyRequests, sixth.StatusCode);
            Assert.Equal("RATE_LIMITED", await CodeOf(sixth));
            Assert.InRange(int.Parse(sixth.Headers.GetValues("Retry-After").Single()), 850, 900);
        }
        finally
        {
            // The test server's client address is shared by every test; free it for them.
            await using var connection = await database.DataSource.OpenConnectionAsync();
            await connection.ExecuteAsync("DELETE FROM login_failures WHERE lower(email) = lower(@email) OR ip = 'unknown'", new { email });
        }
    }

    private static string Pad(string base64Url)
    {
        var base64 = base64Url.Replace('-', '+').Replace('_', '/');
        return base64.PadRight(base64.Length + (4 - base64.Length % 4) % 4, '=');
    }
}
