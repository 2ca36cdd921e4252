using OrleansRides.Grains;
using OrleansRides.Runtime.Hosting;

namespace OrleansRides.FrontendHost.Infrastructure;

/// <summary>The embedded default: this process also hosts the grains, with in-process calls and topics and grain state in
/// PostgreSQL. One process plus PostgreSQL is the whole system.</summary>
public static class EmbeddedSilo
{
    /// <summary>Adds the grain runtime and the application's grains.</summary>
    public static IHostApplicationBuilder AddEmbeddedSilo(this IHostApplicationBuilder builder)
    {
        builder.Services.AddGrainRuntime().UsePostgresStorage().AddRideGrains();
        return builder;
    }
}
