using Microsoft.AspNetCore.SignalR;

namespace OrleansRides.FrontendHost.Infrastructure;

/// <summary>Per-connection state kept in <see cref="HubCallerContext.Items"/>, which lives as long as the connection (a hub
/// instance lives for one call only).</summary>
public static class ConnectionItems
{
    /// <summary>The connection's item under <paramref name="key"/>, created on first use.</summary>
    public static T GetOrCreate<T>(this HubCallerContext context, string key, Func<T> create) where T : class
    {
        if (context.Items.TryGetValue(key, out var existing))
        {
            return (T)existing!;
        }
        var created = create();
        context.Items[key] = created;
        return created;
    }
}
