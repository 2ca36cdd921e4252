using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using static OrleansRides.FrontendHost.Tests.Accounts;

namespace OrleansRides.FrontendHost.Tests;

/// <summary>Issue 10, cross-cutting: Prometheus text at <c>/metrics</c> for admins, and the slow-request warning.</summary>
[Collection(FrontendCollection.Name)]
public sealed class SiteEdgeMetricsTests
{
    [Fact]
    public async Task Metrics_need_an_admin_token_401_anonymous_and_403_for_every_other_role()
    {
        await using var factory = Frontend();
        var client = factory.CreateClient();

        var anonymous = await SendAsync(client, HttpMethod.Get, "/metrics", null);
        var badToken = await SendAsync(client, HttpMethod.Get, "/metrics", "not-a-token");
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, badToken.StatusCode);
        Assert.Equal("UNAUTHORIZED", await CodeOf(anonymous));
        var (member, _) = await SignUpAsync(client);
        foreach (var token in new[] { member, await WithRoleAsync(client, "editor"), await WithRoleAsync(client, "penyiar") })
        {
            var refused = await SendAsync(client, HttpMethod.Get, "/metrics", token);
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
            Assert.Equal("FORBIDDEN", await CodeOf(refused));
        }
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(client, HttpMethod.Get, "/metrics", await AdminTokenAsync(client))).StatusCode);
    }

    [Fact]
    public async Task The_text_has_request_durations_by_route_rate_limit_rejections_live_connections_and_grain_activations()
    {
        await using var factory = Frontend().With("RateLimits:RequestsPerHour", "3");
        var client = factory.CreateClient();
        var admin = await AdminTokenAsync(client);
        for (var i = 0; i < 4; i++)
        {
            await GetFromAsync(client, "/api/v1/client-config", "198.51.100.77");
        }
        // A song request activates the studio grain; a hub connection is a live connection.
        (await client.PostAsJsonAsync("/api/v1/services/song_request", new { title = "Metrics", requesterName = "Ann" })).EnsureSuccessStatusCode();
        await using var socket = await HubSocket.ConnectAsync(factory, "ride", null);

        var response = await SendAsync(client, HttpMethod.Get, "/metrics", admin);
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("text/plain", response.Content.Headers.ContentType?.ToString());
        Assert.Matches("""http_server_request_duration_count\{[^}]*http_route="/api/v1/client-config"[^}]*\} [1-9]""", text);
        Assert.Matches("""http_server_request_duration_bucket\{[^}]*http_route="/api/v1/services/song_request""", text);
        Assert.Matches("""aspnetcore_rate_limiting_requests\{[^}]*aspnetcore_rate_limiting_result="global_limiter"[^}]*\} [1-9]""", text);
        Assert.Matches("""signalr_server_active_connections\{[^}]*\} [1-9]""", text);
        Assert.Matches("""orleansrides_activations_live\{[^}]*grain_type="studio"[^}]*\} [1-9]""", text);
    }

    [Fact]
    public async Task A_request_over_the_threshold_is_logged_with_method_route_pattern_status_and_milliseconds()
    {
        var logs = new CapturingLoggerProvider();
        await using var slow = WithLogs(new FrontendFactory().With("Diagnostics:SlowRequestThreshold", "00:00:00.000001"), logs);
        var client = slow.CreateClient();

        await client.GetAsync("/api/v1/routes/00000000-0000-0000-0000-000000000000");

        var entry = Assert.Single(logs.Entries, e => e.Category.EndsWith(".SlowRequests", StringComparison.Ordinal) && e.Message.Contains("/api/v1/routes/", StringComparison.Ordinal));
        Assert.Equal(LogLevel.Warning, entry.Level);
        Assert.Matches("""^Slow request: GET /api/v1/routes/\{[a-zA-Z]+[^}]*\} answered 404 in \d+ ms$""", entry.Message);
        Assert.DoesNotContain("00000000-0000", entry.Message);
    }

    [Fact]
    public async Task A_request_under_the_threshold_is_not_logged()
    {
        var logs = new CapturingLoggerProvider();
        await using var factory = WithLogs(new FrontendFactory().With("Diagnostics:SlowRequestThreshold", "00:01:00"), logs);

        await factory.CreateClient().GetAsync("/api/v1/client-config");

        Assert.DoesNotContain(logs.Entries, e => e.Category.EndsWith(".SlowRequests", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Diagnostics:SlowRequestThreshold", "00:00:00")]
    [InlineData("RateLimits:RequestsPerHour", "0")]
    [InlineData("ForwardedHeaders:KnownProxies:0", "not-an-address")]
    [InlineData("ForwardedHeaders:KnownNetworks:0", "10.0.0.0/99")]
    public async Task A_setting_out_of_range_stops_the_start(string key, string value)
    {
        await using var factory = new FrontendFactory().With(key, value);

        Assert.ThrowsAny<Exception>(() => factory.CreateClient());
        await Task.CompletedTask;
    }

    private static WebApplicationFactory<Program> WithLogs(FrontendFactory factory, CapturingLoggerProvider logs) =>
        factory.WithWebHostBuilder(web => web.ConfigureServices(services => services.AddSingleton<ILoggerProvider>(logs)));

    private static async Task<HttpResponseMessage> GetFromAsync(HttpClient client, string path, string address)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add(FrontendFactory.ClientAddressHeader, address);
        return await client.SendAsync(request);
    }

    private sealed record LogEntry(string Category, LogLevel Level, string Message);

    /// <summary>Keeps every formatted log entry of the host it is added to.</summary>
    private sealed class CapturingLoggerProvider : ILoggerProvider
    {
        public ConcurrentQueue<LogEntry> Entries { get; } = new();

        public ILogger CreateLogger(string categoryName) => new Logger(categoryName, Entries);

        public void Dispose()
        {
        }

        private sealed class Logger(string category, ConcurrentQueue<LogEntry> entries) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                entries.Enqueue(new LogEntry(category, logLevel, formatter(state, exception)));
        }
    }
}
