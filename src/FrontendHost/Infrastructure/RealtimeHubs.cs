using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace OrleansRides.FrontendHost.Infrastructure;

/// <summary>SignalR as every hub here uses it.</summary>
public static class RealtimeHubs
{
    /// <summary>Adds SignalR (camelCase JSON with string enums, messages capped at <see cref="HubsOptions.MaxMessageBytes"/>)
    /// with the error filter, and the protocol that makes error messages start with our codes.</summary>
    public static IHostApplicationBuilder AddRealtimeHubs(this IHostApplicationBuilder builder)
    {
        builder.Services.AddValidatedOptions<HubsOptions, HubsOptionsValidator>(HubsOptions.SectionName);
        builder.Services.AddSingleton<HubConnectionStates>();
        builder.Services.AddSingleton<HubErrorFilter>();
        builder.Services.AddSignalR(options => options.AddFilter<HubErrorFilter>());
        builder.Services.AddOptions<HubOptions>().Configure<IOptions<HubsOptions>>((options, hubs) =>
            options.MaximumReceiveMessageSize = hubs.Value.MaxMessageBytes);
        // Replace SignalR's JSON protocol by the same protocol wrapped so that error messages start with our codes.
        builder.Services.RemoveAll<IHubProtocol>();
        builder.Services.AddSingleton<IHubProtocol>(_ =>
        {
            var json = new JsonHubProtocolOptions();
            json.PayloadSerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
            return new CodedErrorHubProtocol(new JsonHubProtocol(Options.Create(json)));
        });
        return builder;
    }

    /// <summary>Whether a request belongs to a hub (<c>/hubs/*</c>: negotiation and the connection itself).</summary>
    public static bool IsHubRequest(PathString path) => path.StartsWithSegments("/hubs");
}
