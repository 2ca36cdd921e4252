using Microsoft.AspNetCore.SignalR;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Protocol;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using System.Text.Json.Serialization;

namespace OrleansRides.FrontendHost.Rides;

/// <summary>Wiring for live ride tracking over SignalR.</summary>
public static class RideTracking
{
    /// <summary>Adds SignalR (camelCase JSON, messages capped at <c>Hubs:MaxMessageBytes</c>, default 16 KiB), the error
    /// filter and the event relay.</summary>
    public static IHostApplicationBuilder AddRideTracking(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<HubErrorFilter>();
        builder.Services.AddSignalR(options =>
            {
                options.MaximumReceiveMessageSize = builder.Configuration.GetValue<long>("Hubs:MaxMessageBytes", 16 * 1024);
                options.AddFilter<HubErrorFilter>();
            });
        // Replace SignalR's JSON protocol by the same protocol wrapped so that error messages start with our codes.
        builder.Services.RemoveAll<IHubProtocol>();
        builder.Services.AddSingleton<IHubProtocol>(_ =>
        {
            var json = new JsonHubProtocolOptions();
            json.PayloadSerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
            return new CodedErrorHubProtocol(new JsonHubProtocol(Options.Create(json)));
        });
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
