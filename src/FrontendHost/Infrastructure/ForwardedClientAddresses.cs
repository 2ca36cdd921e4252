using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace OrleansRides.FrontendHost.Infrastructure;

/// <summary>The client's address behind a reverse proxy: <c>X-Forwarded-For</c> and <c>X-Forwarded-Proto</c> are honoured
/// only when the connection comes from <c>ForwardedHeaders:KnownProxies</c> (IP addresses) or
/// <c>ForwardedHeaders:KnownNetworks</c> (CIDR blocks such as <c>10.0.0.0/8</c>). Both default to none, so a client
/// talking to the server directly cannot choose the address every per-address limit counts under.</summary>
public static class ForwardedClientAddresses
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "ForwardedHeaders";

    /// <summary>Configures the forwarded-headers middleware from <see cref="ForwardedProxiesOptions"/>; refuses to start
    /// with an entry that is not an address or a CIDR block.</summary>
    public static IHostApplicationBuilder AddForwardedClientAddresses(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<ForwardedProxiesOptions>().BindConfiguration(SectionName)
            .Validate(o => o.KnownProxies.All(p => IPAddress.TryParse(p, out _)), "ForwardedHeaders:KnownProxies must list IP addresses.")
            .Validate(o => o.KnownNetworks.All(n => System.Net.IPNetwork.TryParse(n, out _)), "ForwardedHeaders:KnownNetworks must list CIDR blocks such as 10.0.0.0/8.")
            .ValidateOnStart();
        builder.Services.AddOptions<ForwardedHeadersOptions>().Configure<Microsoft.Extensions.Options.IOptions<ForwardedProxiesOptions>>((options, proxies) =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            // The framework trusts loopback by default; here nothing is trusted unless configured.
            options.KnownProxies.Clear();
            options.KnownIPNetworks.Clear();
            foreach (var proxy in proxies.Value.KnownProxies)
            {
                options.KnownProxies.Add(IPAddress.Parse(proxy));
            }
            foreach (var network in proxies.Value.KnownNetworks)
            {
                options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
            }
            // Walk back through every trusted hop (proxy chains) and stop at the first untrusted one: the address the
            // last trusted proxy saw is the client's, whatever a client wrote further left in the header.
            options.ForwardLimit = null;
        });
        return builder;
    }

    /// <summary>Rewrites the connection's remote address and scheme from a trusted proxy's headers. First in the
    /// pipeline, so logging, limits and links see the client's address. With no proxy configured the middleware is left
    /// out altogether: given empty lists it would trust every peer.</summary>
    public static IApplicationBuilder UseForwardedClientAddresses(this WebApplication app)
    {
        var proxies = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<ForwardedProxiesOptions>>().Value;
        return proxies.KnownProxies.Count == 0 && proxies.KnownNetworks.Count == 0 ? app : app.UseForwardedHeaders();
    }
}

/// <summary>The proxies whose forwarded headers are believed (section <c>ForwardedHeaders</c>).</summary>
public sealed class ForwardedProxiesOptions
{
    /// <summary>Proxy IP addresses, for example <c>["10.0.0.5"]</c>. Default none.</summary>
    public List<string> KnownProxies { get; set; } = [];

    /// <summary>Proxy networks in CIDR notation, for example <c>["10.0.0.0/8", "fd00::/8"]</c>. Default none.</summary>
    public List<string> KnownNetworks { get; set; } = [];
}
