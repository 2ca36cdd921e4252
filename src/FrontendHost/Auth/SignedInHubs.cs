using Microsoft.AspNetCore.SignalR;

namespace OrleansRides.FrontendHost.Auth;

/// <summary>Mapping for hubs that need a token (<c>/hubs/chat</c>, <c>/hubs/studio</c>).</summary>
public static class SignedInHubs
{
    /// <summary>Maps <typeparamref name="THub"/> so that SignalR closes each connection when the token it was opened with
    /// expires (<c>CloseOnAuthenticationExpiration</c>: the JWT's <c>exp</c>, checked once a second). Without it a
    /// connection outlives its token for as long as it stays open.</summary>
    public static HubEndpointConventionBuilder MapSignedInHub<THub>(this IEndpointRouteBuilder app, string pattern) where THub : Hub =>
        app.MapHub<THub>(pattern, options => options.CloseOnAuthenticationExpiration = true);
}
