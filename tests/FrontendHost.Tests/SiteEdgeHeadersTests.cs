using System.Net;
using System.Text;
using OrleansRides.FrontendHost.Infrastructure;

namespace OrleansRides.FrontendHost.Tests;

/// <summary>Issue 10, cross-cutting: security headers on every kind of answer, the tile host in the CSP, and CORS for
/// the configured origins only.</summary>
[Collection(FrontendCollection.Name)]
public sealed class SiteEdgeHeadersTests
{
    public static TheoryData<string, string, string?> Answers => new()
    {
        { "GET", "/api/v1/client-config", null },
        { "GET", "/index.html", null },
        { "GET", "/app.css", null },
        { "GET", "/api/v1/no-such-endpoint", null },
        { "GET", "/metrics", null },
        // A body the exception handler answers (it clears the response's headers before writing the problem).
        { "POST", "/api/v1/auth/login", "{ not json" },
    };

    [Theory]
    [MemberData(nameof(Answers))]
    public async Task Every_answer_carries_the_security_headers(string method, string path, string? body)
    {
        await using var factory = new FrontendFactory();
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        var response = await factory.CreateClient().SendAsync(request);

        Assert.Equal(SecurityHeaders.ContentSecurityPolicy(SecurityHeaders.DefaultTileUrl), Header(response, "Content-Security-Policy"));
        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
        Assert.Equal("DENY", Header(response, "X-Frame-Options"));
        Assert.Equal("strict-origin-when-cross-origin", Header(response, "Referrer-Policy"));
        Assert.StartsWith("geolocation=(self)", Header(response, "Permissions-Policy"));
    }

    [Theory]
    [InlineData(null, "img-src 'self' data: https://tile.openstreetmap.org;")]
    [InlineData("https://{s}.tiles.example.org/{z}/{x}/{y}.png", "img-src 'self' data: https://*.tiles.example.org;")]
    [InlineData("http://127.0.0.1:8080/tiles/{z}/{x}/{y}.png", "img-src 'self' data: http://127.0.0.1:8080;")]
    [InlineData("", "img-src 'self' data:;")]
    [InlineData("javascript:alert(1)", "img-src 'self' data:;")]
    public void The_policy_lets_images_come_from_the_configured_tile_host_only(string? tileUrl, string expected)
    {
        var policy = SecurityHeaders.ContentSecurityPolicy(tileUrl ?? SecurityHeaders.DefaultTileUrl);

        Assert.Contains(expected, policy);
        foreach (var directive in new[] { "default-src 'self'", "script-src 'self'", "style-src 'self'", "connect-src 'self'",
            "object-src 'none'", "base-uri 'self'", "form-action 'self'", "frame-ancestors 'none'" })
        {
            Assert.Contains(directive, policy);
        }
        Assert.DoesNotContain("unsafe", policy);
    }

    [Fact]
    public async Task The_served_policy_names_the_configured_tile_host()
    {
        await using var factory = new FrontendFactory().With("WebClient:TileUrl", "https://{s}.tiles.example.org/{z}/{x}/{y}.png");

        var response = await factory.CreateClient().GetAsync("/index.html");

        Assert.Contains("img-src 'self' data: https://*.tiles.example.org;", Header(response, "Content-Security-Policy"));
    }

    [Fact]
    public async Task A_configured_origin_gets_CORS_headers_on_a_preflight_and_an_unknown_one_does_not()
    {
        await using var factory = new FrontendFactory()
            .With("Cors:AllowedOrigins:0", "https://radio.example").With("Cors:AllowedOrigins:1", "https://partner.example");
        var client = factory.CreateClient();

        var allowed = await PreflightAsync(client, "https://radio.example");
        var unknown = await PreflightAsync(client, "https://evil.example");
        var simple = await GetFromAsync(client, "https://partner.example");
        var simpleUnknown = await GetFromAsync(client, "https://radio.example.evil.example");

        Assert.Equal("https://radio.example", Header(allowed, "Access-Control-Allow-Origin"));
        Assert.Contains("POST", Header(allowed, "Access-Control-Allow-Methods"));
        Assert.Contains("authorization", Header(allowed, "Access-Control-Allow-Headers"), StringComparison.OrdinalIgnoreCase);
        Assert.False(allowed.Headers.Contains("Access-Control-Allow-Credentials"));
        Assert.False(unknown.Headers.Contains("Access-Control-Allow-Origin"));
        Assert.Equal("https://partner.example", Header(simple, "Access-Control-Allow-Origin"));
        Assert.False(simpleUnknown.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task With_no_origins_configured_no_cross_origin_caller_is_allowed()
    {
        await using var factory = new FrontendFactory();
        var client = factory.CreateClient();

        var preflight = await PreflightAsync(client, "https://radio.example");
        var simple = await GetFromAsync(client, "https://radio.example");

        Assert.False(preflight.Headers.Contains("Access-Control-Allow-Origin"));
        Assert.False(simple.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Theory]
    [InlineData("radio.example")]
    [InlineData("https://radio.example/path")]
    [InlineData("ftp://radio.example")]
    public async Task A_setting_that_is_not_an_origin_stops_the_start(string origin)
    {
        await using var factory = new FrontendFactory().With("Cors:AllowedOrigins:0", origin);

        Assert.ThrowsAny<Exception>(() => factory.CreateClient());
        await Task.CompletedTask;
    }

    private static async Task<HttpResponseMessage> PreflightAsync(HttpClient client, string origin)
    {
        using var request = new HttpRequestMessage(HttpMethod.Options, "/api/v1/services/song_request");
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", "POST");
        request.Headers.Add("Access-Control-Request-Headers", "authorization, content-type");
        return await client.SendAsync(request);
    }

    private static async Task<HttpResponseMessage> GetFromAsync(HttpClient client, string origin)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/client-config");
        request.Headers.Add("Origin", origin);
        return await client.SendAsync(request);
    }

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values)
            ? string.Join(", ", values)
            : throw new Xunit.Sdk.XunitException($"{name} missing on {(int)response.StatusCode} {response.RequestMessage?.RequestUri}");
}
