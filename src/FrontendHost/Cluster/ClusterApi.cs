using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using OrleansRides.FrontendHost.Catalog;
using OrleansRides.FrontendHost.Health;
using OrleansRides.GrainInterfaces.Errors;
using OrleansRides.GrainInterfaces.Text;
using OrleansRides.FrontendHost.Infrastructure;
using OrleansRides.Runtime;
using OrleansRides.Runtime.Cluster;

namespace OrleansRides.FrontendHost.Cluster;

/// <summary>One silo as operators see it.</summary>
/// <param name="SiloId">Silo id.</param>
/// <param name="Status"><c>joining</c>, <c>active</c>, <c>shuttingDown</c> or <c>dead</c>.</param>
/// <param name="Host">Machine name; staff only (null for others).</param>
/// <param name="ProcessId">OS process id; staff only (null for others).</param>
/// <param name="StartedAt">Registration time, UTC.</param>
/// <param name="HeartbeatAgeSeconds">Seconds since its last heartbeat (database clock).</param>
/// <param name="Activations">Activations it reported with that heartbeat.</param>
public sealed record SiloSummary(
    string SiloId, SiloStatus Status, string? Host, int? ProcessId,
    DateTimeOffset StartedAt, double HeartbeatAgeSeconds, int Activations);

/// <summary><c>GET /api/v1/cluster</c> (mode, membership version, silos; host names and process ids for staff only) and <c>GET /api/v1/cluster/owner/{type}/{key}</c>
/// (the silo that owns a grain under the current view). In the embedded default the process itself is the only "silo".</summary>
public static class ClusterApi
{
    // Grain keys in this system are access codes, room names and ids: far shorter.
    private const int MaxGrainKeyLength = 200;

    /// <summary>Adds the RabbitMQ health check in cluster mode.</summary>
    public static IHostApplicationBuilder AddClusterStatus(this IHostApplicationBuilder builder)
    {
        if (ClusterModeOptions.Of(builder).Enabled)
        {
            builder.Services.AddHealthChecks().AddCheck<RabbitMqHealthCheck>("rabbitmq");
        }
        return builder;
    }

    /// <summary>Maps the endpoints.</summary>
    public static IEndpointRouteBuilder MapClusterApi(this IEndpointRouteBuilder app)
    {
        var cluster = app.MapGroup("/api/v1/cluster").WithTags("Cluster");
        cluster.MapGet("/", GetAsync);
        cluster.MapGet("/owner/{type}/{key}", GetOwner);
        return app;
    }

    private static async Task<Ok<DataEnvelope<object>>> GetAsync(HttpContext context, IServiceProvider services, CancellationToken cancellationToken)
    {
        var staff = StaffDetails.AreShownTo(context.User);
        if (services.GetService<MembershipTable>() is not { } table)
        {
            var self = new SiloSummary("embedded", SiloStatus.Active, staff ? Environment.MachineName : null, staff ? Environment.ProcessId : null,
                new DateTimeOffset(System.Diagnostics.Process.GetCurrentProcess().StartTime.ToUniversalTime()), 0,
                services.GetRequiredService<GrainRuntimeStatistics>().ActivationCount);
            return TypedResults.Ok(new DataEnvelope<object>(new { mode = "embedded", version = 0L, silos = new[] { self } }));
        }
        var view = await table.ReadAsync(cancellationToken);
        var silos = view.Silos.OrderBy(s => s.StartedAt).Select(s => new SiloSummary(
            s.SiloId, s.Status, staff ? s.Host : null, staff ? s.ProcessId : null, s.StartedAt, Math.Round(s.HeartbeatAge.TotalSeconds, 2), s.ActivationCount));
        return TypedResults.Ok(new DataEnvelope<object>(new { mode = "cluster", version = view.Version, silos }));
    }

    private static Results<Ok<DataEnvelope<object>>, ValidationProblem, ProblemHttpResult> GetOwner(string type, string key, IServiceProvider services)
    {
        var problems = new Dictionary<string, string[]>();
        foreach (var (name, value) in new[] { ("type", type), ("key", key) })
        {
            var problem = value.Length > MaxGrainKeyLength ? $"At most {MaxGrainKeyLength} characters." : TextRules.Problem(value);
            if (problem is not null)
            {
                problems[name] = [problem];
            }
        }
        if (problems.Count > 0)
        {
            return ApiProblems.Validation(problems);
        }
        var owner = services.GetService<MembershipViewProvider>() is { } membership
            ? membership.Current.OwnerOf(new GrainId(type, key))?.SiloId
            : "embedded";
        return owner is null
            ? ApiProblems.Problem(503, ErrorCodes.NoActiveSilo, "No silo is active.")
            : TypedResults.Ok(new DataEnvelope<object>(new { grain = $"{type}/{key}", siloId = owner }));
    }

    private sealed class RabbitMqHealthCheck(RabbitMqTransport transport) : IHealthCheck
    {
        public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken) =>
            Task.FromResult(transport.IsOpen ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy("The RabbitMQ connection is closed."));
    }
}
