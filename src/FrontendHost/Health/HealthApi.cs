using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace OrleansRides.FrontendHost.Health;

/// <summary><c>GET /api/v1/health</c>: 200 when every dependency answers, 503 otherwise, with one entry per dependency
/// (<c>{ data: { status, checks: { postgres: { status, durationMs, error? } } } }</c>).</summary>
public static class HealthApi
{
    /// <summary>Registers the dependency checks.</summary>
    public static IHostApplicationBuilder AddHealth(this IHostApplicationBuilder builder)
    {
        builder.Services.AddHealthChecks().AddCheck<PostgresHealthCheck>("postgres", timeout: TimeSpan.FromSeconds(5));
        return builder;
    }

    /// <summary>Maps the endpoint.</summary>
    public static IEndpointRouteBuilder MapHealthApi(this IEndpointRouteBuilder app)
    {
        app.MapHealthChecks("/api/v1/health", new HealthCheckOptions { ResponseWriter = WriteAsync });
        return app;
    }

    private static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        var body = new
        {
            data = new
            {
                status = report.Status == HealthStatus.Healthy ? "healthy" : "unhealthy",
                checks = report.Entries.ToDictionary(e => e.Key, e => new
                {
                    status = e.Value.Status == HealthStatus.Healthy ? "up" : "down",
                    durationMs = Math.Round(e.Value.Duration.TotalMilliseconds, 1),
                    error = e.Value.Exception?.Message,
                }),
            },
        };
        return context.Response.WriteAsync(JsonSerializer.Serialize(body, JsonSerializerOptions.Web));
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
