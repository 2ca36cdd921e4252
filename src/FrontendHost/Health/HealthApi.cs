using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;
using OrleansRides.FrontendHost.Catalog;

namespace OrleansRides.FrontendHost.Health;

/// <summary>One dependency's check, shown to staff only.</summary>
/// <param name="Status"><c>up</c> or <c>down</c>.</param>
/// <param name="DurationMs">How long the check took, in milliseconds.</param>
/// <param name="Error">Why it is down, or null.</param>
public sealed record DependencyCheck(string Status, double DurationMs, string? Error);

/// <summary>A health answer.</summary>
/// <param name="Status"><c>alive</c> (liveness), <c>healthy</c> or <c>unhealthy</c> (readiness).</param>
/// <param name="Checks">Per dependency (<c>postgres</c>, and <c>rabbitmq</c> in cluster mode); staff (admin, editor) only,
/// null for everyone else.</param>
public sealed record HealthStatusBody(string Status, IReadOnlyDictionary<string, DependencyCheck>? Checks = null);

/// <summary>Liveness and readiness, as orchestrators expect them (Kubernetes' probes, compose healthchecks):
/// <list type="bullet">
/// <item><c>GET /api/v1/health/live</c>: 200 <c>{ data: { status: "alive" } }</c> whenever the process can answer, whatever
/// its dependencies do, so that nobody restarts a process that still holds unsaved work because PostgreSQL is down.</item>
/// <item><c>GET /api/v1/health/ready</c> (and its older name <c>/api/v1/health</c>): 200 when every dependency answers, 503
/// otherwise, <c>{ data: { status: "healthy"|"unhealthy", checks? } }</c>. Only staff get <c>checks</c>: anonymous callers
/// never see hosts, ports or error texts (issue 8, item 8).</item>
/// </list></summary>
public static class HealthApi
{
    /// <summary>Registers the dependency checks.</summary>
    public static IHostApplicationBuilder AddHealth(this IHostApplicationBuilder builder)
    {
        builder.Services.AddHealthChecks().AddCheck<PostgresHealthCheck>("postgres", timeout: TimeSpan.FromSeconds(5));
        return builder;
    }

    /// <summary>Maps the endpoints.</summary>
    public static IEndpointRouteBuilder MapHealthApi(this IEndpointRouteBuilder app)
    {
        var health = app.MapGroup("/api/v1/health").WithTags("Health");
        health.MapGet("/live", Live);
        health.MapGet("/ready", ReadyAsync).Produces<DataEnvelope<HealthStatusBody>>(StatusCodes.Status503ServiceUnavailable);
        health.MapGet("/", ReadyAsync).Produces<DataEnvelope<HealthStatusBody>>(StatusCodes.Status503ServiceUnavailable);
        return app;
    }

    private static Ok<DataEnvelope<HealthStatusBody>> Live(HttpContext context)
    {
        context.Response.Headers.CacheControl = "no-store";
        return TypedResults.Ok(new DataEnvelope<HealthStatusBody>(new("alive")));
    }

    private static async Task<Results<Ok<DataEnvelope<HealthStatusBody>>, JsonHttpResult<DataEnvelope<HealthStatusBody>>>> ReadyAsync(
        HttpContext context, HealthCheckService checks, CancellationToken cancellationToken)
    {
        var report = await checks.CheckHealthAsync(cancellationToken);
        var details = StaffDetails.AreShownTo(context.User)
            ? report.Entries.ToDictionary(e => e.Key, e => new DependencyCheck(
                e.Value.Status == HealthStatus.Healthy ? "up" : "down",
                Math.Round(e.Value.Duration.TotalMilliseconds, 1),
                e.Value.Exception?.Message ?? (e.Value.Status == HealthStatus.Healthy ? null : e.Value.Description)))
            : null;
        context.Response.Headers.CacheControl = "no-store";
        var body = new DataEnvelope<HealthStatusBody>(new(report.Status == HealthStatus.Healthy ? "healthy" : "unhealthy", details));
        return report.Status == HealthStatus.Healthy
            ? TypedResults.Ok(body)
            : TypedResults.Json(body, statusCode: StatusCodes.Status503ServiceUnavailable);
    }

    private sealed class PostgresHealthCheck(NpgsqlDataSource dataSource, OrleansRides.Runtime.Storage.PostgresHosting.MigrationService migrations) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken)
        {
            try
            {
                await using var command = dataSource.CreateCommand("SELECT 1");
                await command.ExecuteScalarAsync(cancellationToken);
                return migrations.IsMigrated ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy("Schema migrations are pending.");
            }
            catch (Exception ex) when (ex is NpgsqlException or TimeoutException or OperationCanceledException or System.Net.Sockets.SocketException)
            {
                return HealthCheckResult.Unhealthy("PostgreSQL did not answer.", ex);
            }
        }
    }
}
