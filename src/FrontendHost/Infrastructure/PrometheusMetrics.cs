using OrleansRides.FrontendHost.Auth;
using Prometheus;

namespace OrleansRides.FrontendHost.Infrastructure;

/// <summary>Prometheus text at <c>GET /metrics</c>, for admins (a bearer token, which Prometheus sends with
/// <c>authorization: { credentials: ... }</c>; 401 without one, 403 for other roles). prometheus-net's MeterAdapter
/// turns the process's System.Diagnostics.Metrics instruments into series: request counts and durations by route
/// (<c>Microsoft.AspNetCore.Hosting</c>: <c>http.server.request.duration</c> with <c>http.route</c>), live connections
/// (<c>Microsoft.AspNetCore.Http.Connections</c>, <c>Microsoft.AspNetCore.Server.Kestrel</c>), grain activations and
/// calls (<c>OrleansRides.Runtime</c>), rate-limit rejections (<c>Microsoft.AspNetCore.RateLimiting</c>) and the runtime's
/// own (<c>System.Runtime</c>).</summary>
public static class PrometheusMetrics
{
    private static int _configured;

    /// <summary>Starts the meter adapter (once per process: its registry is process-wide) so counting begins before the
    /// first request; prometheus-net's event-counter adapter stays off, the <c>System.Runtime</c> meter carries the same
    /// figures.</summary>
    public static IHostApplicationBuilder AddPrometheusMetrics(this IHostApplicationBuilder builder)
    {
        if (Interlocked.Exchange(ref _configured, 1) == 0)
        {
            Metrics.SuppressDefaultMetrics(new SuppressDefaultMetricOptions { SuppressEventCounters = true, SuppressDebugMetrics = true });
            // Touching the default registry applies the defaults, which start the MeterAdapter now.
            _ = Metrics.DefaultRegistry;
        }
        return builder;
    }

    /// <summary>Maps <c>GET /metrics</c> (not part of the <c>/api/v1</c> document: its format is Prometheus', not JSON).</summary>
    public static IEndpointRouteBuilder MapPrometheusMetrics(this IEndpointRouteBuilder app)
    {
        app.MapMetrics("/metrics").RequireAuthorization(Roles.AdminsPolicy);
        return app;
    }
}
