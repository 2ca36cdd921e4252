using Microsoft.Extensions.DependencyInjection;
using OrleansRides.GrainInterfaces.Rides;
using OrleansRides.Grains.Rides;
using OrleansRides.Runtime.Hosting;

namespace OrleansRides.Grains;

/// <summary>Registers the application's grains with a grain runtime.</summary>
public static class GrainsRegistration
{
    /// <summary>Adds the ride grain, its options (section <c>Rides</c>) and its PostgreSQL store, and the JSON context.
    /// Needs an <see cref="Npgsql.NpgsqlDataSource"/> singleton.</summary>
    public static GrainRuntimeBuilder AddRideGrains(this GrainRuntimeBuilder builder)
    {
        builder.Services.AddOptions<RideOptions>().BindConfiguration(RideOptions.SectionName)
            .Validate(o => o.MaxUpdatesPerSecond > 0 && o.TrailLength > 0 && o.CheckpointInterval > TimeSpan.Zero,
                "Rides: MaxUpdatesPerSecond, TrailLength and CheckpointInterval must be positive.")
            .ValidateOnStart();
        builder.Services.AddSingleton<IRideStore, PostgresRideStore>();
        return builder.AddGrain<IRideGrain, RideGrain>()
            .AddJsonContext(GrainsJsonContext.Default)
            .AddTopicMessageTypesDerivedFrom<RideEvent>();
    }
}
