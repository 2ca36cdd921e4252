using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using OrleansRides.FrontendHost.Auth;
using static OrleansRides.FrontendHost.Tests.Accounts;

namespace OrleansRides.FrontendHost.Tests;

/// <summary>Issue 8, item 5: sign-ups are limited per address, and a refused sign-up costs no password hash.</summary>
[Collection(FrontendCollection.Name)]
public sealed class SignupLimitTests
{
    [Fact]
    public async Task Signups_past_the_hourly_limit_get_429_with_Retry_After_and_are_never_hashed()
    {
        var hasher = new CountingHasher();
        await using var factory = Frontend().With("RateLimits:SignupsPerHour", "3")
            .WithWebHostBuilder(web => web.ConfigureServices(services => services.AddSingleton<IPasswordHasher<UserAccount>>(hasher)));
        var client = factory.CreateClient();

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 6; i++)
        {
            statuses.Add((await client.PostAsJsonAsync("/api/v1/auth/signup", new { email = NewEmail(), password = "password-1", name = "Ann" })).StatusCode);
        }
        var refused = await client.PostAsJsonAsync("/api/v1/auth/signup", new { email = NewEmail(), password = "password-1", name = "Ann" });

        Assert.Equal([HttpStatusCode.Created, HttpStatusCode.Created, HttpStatusCode.Created], statuses.Take(3));
        Assert.All(statuses.Skip(3), s => Assert.Equal(HttpStatusCode.TooManyRequests, s));
        Assert.Equal("RATE_LIMITED", await CodeOf(refused));
        Assert.Equal("3600", refused.Headers.RetryAfter!.ToString());
        Assert.Equal(3, hasher.MemberHashes);
    }

    [Fact]
    public async Task The_OpenAPI_document_lists_429_for_signup_and_login()
    {
        await using var factory = Frontend();

        var paths = (await factory.CreateClient().GetFromJsonAsync<JsonElement>("/openapi/v1.json")).GetProperty("paths");

        Assert.True(paths.GetProperty("/api/v1/auth/signup").GetProperty("post").GetProperty("responses").TryGetProperty("429", out _));
        Assert.True(paths.GetProperty("/api/v1/auth/login").GetProperty("post").GetProperty("responses").TryGetProperty("429", out _));
    }

    /// <summary>The real hasher, counting the hashes made for new members (the seeded admin's is not one).</summary>
    private sealed class CountingHasher : IPasswordHasher<UserAccount>
    {
        private readonly PasswordHasher<UserAccount> _inner = new();
        private int _memberHashes;

        public int MemberHashes => Volatile.Read(ref _memberHashes);

        public string HashPassword(UserAccount user, string password)
        {
            if (user.Role == Roles.Member)
            {
                Interlocked.Increment(ref _memberHashes);
            }
            return _inner.HashPassword(user, password);
        }

        public PasswordVerificationResult VerifyHashedPassword(UserAccount user, string hashedPassword, string providedPassword) =>
            _inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
    }
}
