namespace OrleansRides.FrontendHost.Rides;

/// <summary>Wiring for live ride tracking over SignalR (needs <see cref="Infrastructure.RealtimeHubs.AddRealtimeHubs"/>).</summary>
public static class RideTracking
{
    /// <summary>Adds the ride event relay.</summary>
    public static IHostApplicationBuilder AddRideTracking(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<RideEventRelay>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<RideEventRelay>());
        return builder;
    }

    /// <summary>Maps <c>/hubs/ride</c>.</summary>
    public static IEndpointRouteBuilder MapRideHub(this IEndpointRouteBuilder app)
    {
        app.MapHub<RideHub>("/hubs/ride");
        return app;
    }
}
