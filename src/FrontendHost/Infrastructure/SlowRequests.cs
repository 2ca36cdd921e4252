using System.Diagnostics;
using Microsoft.Extensions.Options;

namespace OrleansRides.FrontendHost.Infrastructure;

/// <summary>Logs a warning for every request slower than <c>Diagnostics:SlowRequestThreshold</c> (default one second, the
/// station design's figure) with its method, route pattern (<c>/api/v1/articles/{slug}</c>, not the raw path, so the
/// log groups and holds no identifiers), status and duration in milliseconds.</summary>
public static partial class SlowRequests
{
    /// <summary>Binds <see cref="DiagnosticsOptions"/>.</summary>
    public static IHostApplicationBuilder AddSlowRequestLog(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<DiagnosticsOptions>().BindConfiguration(DiagnosticsOptions.SectionName)
            .Validate(o => o.SlowRequestThreshold > TimeSpan.Zero, "Diagnostics:SlowRequestThreshold must be positive.")
            .ValidateOnStart();
        return builder;
    }

    /// <summary>Times the rest of the pipeline; early, so the time includes error handling and limits. Long-lived
    /// connections (SignalR hubs) are left out: their duration is the session's, not a slow answer.</summary>
    public static IApplicationBuilder UseSlowRequestLog(this WebApplication app)
    {
        var threshold = app.Services.GetRequiredService<IOptions<DiagnosticsOptions>>().Value.SlowRequestThreshold;
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(SlowRequests).FullName!);
        // Hub requests go straight on: awaited here, each connection would keep this frame alive for its whole life.
        return app.Use((context, next) => RealtimeHubs.IsHubRequest(context.Request.Path) ? next(context) : TimeAsync(context, next));

        async Task TimeAsync(HttpContext context, RequestDelegate next)
        {
            var started = Stopwatch.GetTimestamp();
            try
            {
                await next(context);
            }
            finally
            {
                var elapsed = Stopwatch.GetElapsedTime(started);
                if (elapsed > threshold)
                {
                    var route = (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? "(no route)";
                    SlowRequest(logger, context.Request.Method, route, context.Response.StatusCode, elapsed.TotalMilliseconds);
                }
            }
        }
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Warning, Message = "Slow request: {Method} {Route} answered {StatusCode} in {DurationMs:F0} ms")]
    private static partial void SlowRequest(ILogger logger, string method, string route, int statusCode, double durationMs);
}

/// <summary>Diagnostics settings (section <c>Diagnostics</c>).</summary>
public sealed class DiagnosticsOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Diagnostics";

    /// <summary>Requests taking longer than this are logged as slow (a TimeSpan such as <c>00:00:01</c>). Default one
    /// second.</summary>
    public TimeSpan SlowRequestThreshold { get; set; } = TimeSpan.FromSeconds(1);
}
