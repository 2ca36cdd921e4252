using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace OrleansRides.FrontendHost.Tests;

/// <summary>Account helpers over the real HTTP API. Every frontend factory made here shares one signing key and the admin
/// from configuration, as the frontends of a cluster do.</summary>
internal static class Accounts
{
    public const string SigningKey = "test-signing-key-that-is-long-enough-0123456789";
    public const string AdminEmail = "admin@tests.example.org";
    public const string AdminPassword = "admin-password-123";

    public static FrontendFactory Frontend() => new FrontendFactory()
        .With("Auth:SigningKey", SigningKey).With("ADMIN_EMAIL", AdminEmail).With("ADMIN_PASSWORD", AdminPassword);

    public static string NewEmail(string prefix = "user") => $"{prefix}-{Guid.NewGuid():N}@tests.example.org";

    /// <summary>Signs up a member; returns its token and id.</summary>
    public static async Task<(string Token, Guid Id)> SignUpAsync(HttpClient client, string? email = null, string password = "password-1")
    {
        var response = await client.PostAsJsonAsync("/api/v1/auth/signup", new { email = email ?? NewEmail(), password, name = "Tess Ter" });
        response.EnsureSuccessStatusCode();
        var data = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("data");
        return (data.GetProperty("accessToken").GetString()!, data.GetProperty("user").GetProperty("id").GetGuid());
    }

    public static async Task<string> LoginAsync(HttpClient client, string email, string password)
    {
        var response = await client.PostAsJsonAsync("/api/v1/auth/login", new { email, password });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("data").GetProperty("accessToken").GetString()!;
    }

    /// <summary>The configured admin's token (the admin is seeded in the background at start-up).</summary>
    public static async Task<string> AdminTokenAsync(HttpClient client)
    {
        for (var attempt = 0; ; attempt++)
        {
            var response = await client.PostAsJsonAsync("/api/v1/auth/login", new { email = AdminEmail, password = AdminPassword });
            if (response.IsSuccessStatusCode || attempt == 50)
            {
                response.EnsureSuccessStatusCode();
                return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("data").GetProperty("accessToken").GetString()!;
            }
            await Task.Delay(100);
        }
    }

    /// <summary>Signs up a member and has the admin give it <paramref name="role"/>; returns a fresh token carrying it.</summary>
    public static async Task<string> WithRoleAsync(HttpClient client, string role)
    {
        var email = NewEmail(role);
        var (_, id) = await SignUpAsync(client, email);
        var admin = await AdminTokenAsync(client);
        using var request = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/admin/users/{id}/role") { Content = JsonContent.Create(new { role }) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", admin);
        (await client.SendAsync(request)).EnsureSuccessStatusCode();
        return await LoginAsync(client, email, "password-1");
    }

    public static async Task<HttpResponseMessage> SendAsync(HttpClient client, HttpMethod method, string path, string? token, object? body = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        return await client.SendAsync(request);
    }

    public static async Task<string> CodeOf(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString()!;
}
