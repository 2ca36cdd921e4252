using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace OrleansRides.FrontendHost.Infrastructure;

/// <summary>The station design's global limit: <c>RateLimits:RequestsPerHour</c> (default 1,000) API requests per client
/// address (<see cref="ClientAddresses.Key"/>) in a fixed one-hour window, answered 429 <c>RATE_LIMITED</c> with
/// <c>Retry-After</c>. Only <c>/api/*</c> counts: static files are cheap and cached, hubs (<c>/hubs/*</c>) have their
/// own per-connection limits, health probes come from load balancers at a steady pace, and <c>/metrics</c> is
/// for the admin's scraper. It runs before the endpoint policies of <see cref="PerIpRateLimits"/>, per frontend
/// process as they are.</summary>
public static class GlobalRateLimit
{
    /// <summary>Sets the rate limiter's global limiter (<see cref="RateLimitOptions.RequestsPerHour"/>, read once when the
    /// limiter is built, after the options have been validated at start).</summary>
    public static IHostApplicationBuilder AddGlobalRateLimit(this IHostApplicationBuilder builder)
    {
        builder.Services.AddValidatedOptions<RateLimitOptions, RateLimitOptionsValidator>(RateLimitOptions.SectionName);
        builder.Services.AddRateLimiter(_ => { });
        builder.Services.AddOptions<RateLimiterOptions>().Configure<IOptions<RateLimitOptions>>((options, limits) =>
        {
            var permits = limits.Value.RequestsPerHour;
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context => IsCounted(context.Request.Path)
                ? RateLimitPartition.GetFixedWindowLimiter(ClientAddresses.Key(context.Connection.RemoteIpAddress),
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = TimeSpan.FromHours(1) })
                : RateLimitPartition.GetNoLimiter("exempt"));
            PerIpRateLimits.AnswerRejections(options);
        });
        return builder;
    }

    /// <summary>Adds the rate limiter to every request but the hubs': none of its limits applies to <c>/hubs/*</c> (the global
    /// one does not count them, no hub endpoint has a policy), and a hub connection is one request for its whole life, during
    /// which the middleware would stay suspended in it (about 200 bytes per connection, decision 163).</summary>
    public static IApplicationBuilder UseRateLimitsOutsideHubs(this IApplicationBuilder app) =>
        app.UseWhen(context => !RealtimeHubs.IsHubRequest(context.Request.Path), limited => limited.UseRateLimiter());

    /// <summary>Whether a request path counts against the global limit: the API, apart from its health probes.</summary>
    public static bool IsCounted(PathString path) =>
        path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase)
        && !path.StartsWithSegments("/api/v1/health", StringComparison.OrdinalIgnoreCase);
}
