using System.Net;
using System.Net.Http.Json;
using Dapper;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OrleansRides.FrontendHost.Auth;
using OrleansRides.Tests.Shared;
using static OrleansRides.FrontendHost.Tests.Accounts;

namespace OrleansRides.FrontendHost.Tests;

/// <summary>Issue 8, item 2: one normal form of the email for every use, and OWASP-style throttling in which an attacker
/// at one address cannot lock the owner out.</summary>
[Collection(FrontendCollection.Name)]
public sealed class LoginThrottleTests(TestDatabase database) : IAsyncLifetime
{
    private const string ClientHeader = "X-Test-Client-Address";
    private readonly string _net = $"10.{Random.Shared.Next(0, 255)}.{Random.Shared.Next(0, 255)}";
    private readonly List<string> _emails = [];
    private WebApplicationFactory<Program> _factory = null!;
    private HttpClient _client = null!;

    public Task InitializeAsync()
    {
        // The test server has no client address; this lets each request say which address it comes from.
        _factory = Frontend().WithWebHostBuilder(web => web.ConfigureServices(services =>
            services.AddSingleton<IStartupFilter>(new ClientAddressFromHeader())));
        _client = _factory.CreateClient();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await using (var connection = await database.DataSource.OpenConnectionAsync())
        {
            await connection.ExecuteAsync(
                """
                DELETE FROM login_failures WHERE ip LIKE @net OR ip = 'unknown' OR email = ANY(@emails);
                DELETE FROM login_known_addresses WHERE email = ANY(@emails);
                """, new { net = _net + ".%", emails = _emails.ToArray() });
        }
        await _factory.DisposeAsync();
    }

    [Fact]
    public async Task A_locked_address_cannot_get_in_by_adding_spaces_capitals_or_a_tab_to_the_email()
    {
        var email = await SignUpVictimAsync();
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await LoginFromAsync("1", email, $"guess-{i}")).StatusCode);
        }

        var spaced = await LoginFromAsync("1", $"  {email.ToUpperInvariant()} ", "password-1");
        var tabbed = await LoginFromAsync("1", email + "\t", "password-1");

        Assert.Equal(HttpStatusCode.TooManyRequests, spaced.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, tabbed.StatusCode);
    }

    [Fact]
    public async Task An_attacker_failing_many_times_from_one_address_does_not_stop_the_owner_at_another()
    {
        var email = await SignUpVictimAsync();
        var attacker = new List<HttpStatusCode>();
        for (var i = 0; i < 30; i++)
        {
            attacker.Add((await LoginFromAsync("66", email, $"guess-{i}")).StatusCode);
        }

        var owner = await LoginFromAsync("7", email, "password-1");
        var attackerWithTheRightPassword = await LoginFromAsync("66", email, "password-1");

        Assert.Equal(Enumerable.Repeat(HttpStatusCode.Unauthorized, 5), attacker.Take(5));
        Assert.All(attacker.Skip(5), s => Assert.Equal(HttpStatusCode.TooManyRequests, s));
        Assert.Equal(HttpStatusCode.OK, owner.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, attackerWithTheRightPassword.StatusCode);
    }

    [Fact]
    public async Task One_address_failing_on_many_accounts_gets_429_with_Retry_After()
    {
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 20; i++)
        {
            statuses.Add((await LoginFromAsync("9", Track(NewEmail("spray")), "Password123")).StatusCode);
        }
        var next = await LoginFromAsync("9", Track(NewEmail("spray")), "Password123");
        var elsewhere = await LoginFromAsync("10", Track(NewEmail("spray")), "Password123");

        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.Unauthorized, s));
        Assert.Equal(HttpStatusCode.TooManyRequests, next.StatusCode);
        Assert.Equal("RATE_LIMITED", await CodeOf(next));
        Assert.InRange(int.Parse(next.Headers.GetValues("Retry-After").Single()), 850, 900);
        Assert.Equal(HttpStatusCode.Unauthorized, elsewhere.StatusCode);
    }

    [Fact]
    public async Task Failures_from_many_addresses_slow_an_account_with_a_doubling_delay_capped_at_a_minute()
    {
        var clock = new ManualTimeProvider(DateTimeOffset.UtcNow);
        var throttle = new LoginThrottle(database.DataSource, Options.Create(new AuthOptions()), clock);
        var email = Track(NewEmail("distributed"));
        for (var i = 0; i < 19; i++)
        {
            await throttle.RecordFailureAsync($"{_net}.{i}", email, CancellationToken.None);
        }
        var waits = new List<double?> { (await throttle.RetryAfterAsync($"{_net}.200", email, CancellationToken.None))?.TotalSeconds };
        for (var i = 19; i < 27; i++)
        {
            await throttle.RecordFailureAsync($"{_net}.{i}", email, CancellationToken.None);
            waits.Add((await throttle.RetryAfterAsync($"{_net}.200", email, CancellationToken.None))?.TotalSeconds);
        }
        clock.Advance(TimeSpan.FromSeconds(60));
        var afterTheCap = await throttle.RetryAfterAsync($"{_net}.200", email, CancellationToken.None);

        Assert.Equal(new double?[] { null, 1, 2, 4, 8, 16, 32, 60, 60 }, waits.Select(w => w is { } s ? Math.Round(s, 3) : (double?)null));
        Assert.Null(afterTheCap);
    }

    [Fact]
    public async Task Fifty_parallel_guesses_from_one_address_get_no_more_tries_than_sequential_ones()
    {
        var email = await SignUpVictimAsync();

        var statuses = await Task.WhenAll(Enumerable.Range(0, 50).Select(i => LoginFromAsync("44", email, $"guess-{i}")));

        Assert.Equal(5, statuses.Count(r => r.StatusCode == HttpStatusCode.Unauthorized));
        Assert.Equal(45, statuses.Count(r => r.StatusCode == HttpStatusCode.TooManyRequests));
    }

    [Fact]
    public async Task Failures_from_everywhere_never_delay_the_owner_at_an_address_it_logged_in_from_before()
    {
        var email = await SignUpVictimAsync();
        Assert.Equal(HttpStatusCode.OK, (await LoginFromAsync("8", email, "password-1")).StatusCode);
        var throttle = _factory.Services.GetRequiredService<LoginThrottle>();
        for (var i = 0; i < 30; i++)
        {
            await throttle.RecordFailureAsync($"{_net}.{100 + i}", email, CancellationToken.None);
        }

        var owner = await LoginFromAsync("8", email, "password-1");
        var stranger = await LoginFromAsync("9", email, "password-1");

        Assert.Equal(HttpStatusCode.OK, owner.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, stranger.StatusCode);
    }

    [Fact]
    public async Task Addresses_of_one_IPv6_64_bit_prefix_share_the_login_limits()
    {
        var email = await SignUpVictimAsync();
        var prefix = $"2001:db8:{Random.Shared.Next(1, 0xffff):x}:{Random.Shared.Next(1, 0xffff):x}";
        var statuses = new List<HttpStatusCode>();
        for (var i = 1; i <= 6; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/auth/login") { Content = JsonContent.Create(new { email, password = $"guess-{i}" }) };
            request.Headers.Add(ClientHeader, $"{prefix}::{i:x}");
            statuses.Add((await _client.SendAsync(request)).StatusCode);
        }

        Assert.Equal(Enumerable.Repeat(HttpStatusCode.Unauthorized, 5), statuses.Take(5));
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[5]);
    }

    private async Task<string> SignUpVictimAsync()
    {
        var email = Track(NewEmail("victim"));
        await SignUpAsync(_client, email);
        return email;
    }

    private string Track(string email)
    {
        _emails.Add(email);
        return email;
    }

    private async Task<HttpResponseMessage> LoginFromAsync(string host, string email, string password)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/auth/login") { Content = JsonContent.Create(new { email, password }) };
        request.Headers.Add(ClientHeader, $"{_net}.{host}");
        return await _client.SendAsync(request);
    }

    private sealed class ClientAddressFromHeader : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                if (context.Request.Headers[ClientHeader] is [{ } address])
                {
                    context.Connection.RemoteIpAddress = IPAddress.Parse(address);
                }
                return nextMiddleware(context);
            });
            next(app);
        };
    }
}
