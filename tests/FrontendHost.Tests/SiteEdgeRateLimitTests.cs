using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace OrleansRides.FrontendHost.Tests;

/// <summary>Issue 10, cross-cutting: the global limit of API requests per client address, and the client address taken
/// from forwarded headers only when a configured proxy sends them.</summary>
[Collection(FrontendCollection.Name)]
public sealed class SiteEdgeRateLimitTests
{
    private const string Api = "/api/v1/client-config";

    [Fact]
    public async Task The_request_over_the_hourly_limit_gets_429_RATE_LIMITED_with_Retry_After_and_other_addresses_go_on()
    {
        await using var factory = new FrontendFactory().With("RateLimits:RequestsPerHour", "5");
        var client = factory.CreateClient();
        const string address = "198.51.100.10";

        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await GetAsync(client, Api, address)).StatusCode);
        }
        var limited = await GetAsync(client, Api, address);

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Equal("application/problem+json", limited.Content.Headers.ContentType?.MediaType);
        Assert.Equal("RATE_LIMITED", (await limited.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        var retryAfter = int.Parse(limited.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(retryAfter, 1, 3600);
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(client, Api, "198.51.100.11")).StatusCode);
    }

    [Fact]
    public async Task Static_files_health_probes_and_other_IPv6_blocks_are_not_counted_but_one_64_block_shares_a_budget()
    {
        await using var factory = new FrontendFactory().With("RateLimits:RequestsPerHour", "2");
        var client = factory.CreateClient();

        Assert.Equal(HttpStatusCode.OK, (await GetAsync(client, Api, "2001:db8:1:2::1")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(client, Api, "2001:db8:1:2::ffff")).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await GetAsync(client, Api, "2001:db8:1:2:abcd::9")).StatusCode);

        for (var i = 0; i < 4; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await GetAsync(client, "/app.css", "2001:db8:1:2::1")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await GetAsync(client, "/api/v1/health/live", "2001:db8:1:2::1")).StatusCode);
        }
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(client, Api, "2001:db8:1:3::1")).StatusCode);
    }

    [Fact]
    public async Task A_forwarded_address_from_an_unknown_peer_is_ignored_so_a_client_cannot_spoof_a_fresh_budget()
    {
        await using var factory = new FrontendFactory().With("RateLimits:RequestsPerHour", "2");
        var client = factory.CreateClient();

        var answers = new List<HttpStatusCode>();
        for (var i = 1; i <= 3; i++)
        {
            answers.Add((await GetAsync(client, Api, "198.51.100.20", forwardedFor: $"203.0.113.{i}")).StatusCode);
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], answers);
    }

    [Theory]
    [InlineData("ForwardedHeaders:KnownProxies:0", "10.20.30.40")]
    [InlineData("ForwardedHeaders:KnownNetworks:0", "10.20.0.0/16")]
    public async Task Behind_a_configured_proxy_the_forwarded_client_address_becomes_the_limit_key(string setting, string value)
    {
        await using var factory = new FrontendFactory().With("RateLimits:RequestsPerHour", "2").With(setting, value);
        var client = factory.CreateClient();
        const string proxy = "10.20.30.40";

        // Two clients behind the one proxy: each has a budget of its own, and a third request of the first is refused.
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(client, Api, proxy, forwardedFor: "203.0.113.50")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(client, Api, proxy, forwardedFor: "203.0.113.50")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(client, Api, proxy, forwardedFor: "203.0.113.51")).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await GetAsync(client, Api, proxy, forwardedFor: "203.0.113.50")).StatusCode);
        // A client writing its own X-Forwarded-For through the proxy gets the address the proxy saw, not the one it wrote.
        Assert.Equal(HttpStatusCode.TooManyRequests, (await GetAsync(client, Api, proxy, forwardedFor: "192.0.2.99, 203.0.113.50")).StatusCode);
    }

    private static async Task<HttpResponseMessage> GetAsync(HttpClient client, string path, string peer, string? forwardedFor = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add(FrontendFactory.ClientAddressHeader, peer);
        if (forwardedFor is not null)
        {
            request.Headers.Add("X-Forwarded-For", forwardedFor);
        }
        return await client.SendAsync(request);
    }
}
