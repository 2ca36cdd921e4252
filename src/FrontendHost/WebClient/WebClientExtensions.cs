using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Options;
using OrleansRides.FrontendHost.Infrastructure;

namespace OrleansRides.FrontendHost.WebClient;

/// <summary>The browser client: pages from <c>wwwroot</c>, Leaflet and the SignalR client from the npm packages that the
/// scripts restore into <c>node_modules</c> (found upward from the content root, or at <c>WebClient:NodeModulesPath</c>),
/// and <c>GET /api/v1/client-config</c> with the map tile settings (<see cref="WebClientOptions"/>).</summary>
public static class WebClientExtensions
{
    /// <summary>Binds <see cref="WebClientOptions"/>, validated at start.</summary>
    public static IHostApplicationBuilder AddWebClient(this IHostApplicationBuilder builder)
    {
        builder.Services.AddValidatedOptions<WebClientOptions, WebClientOptionsValidator>(WebClientOptions.SectionName);
        return builder;
    }

    /// <summary>Serves the pages and libraries.</summary>
    public static WebApplication MapWebClient(this WebApplication app)
    {
        app.UseDefaultFiles();
        app.UseStaticFiles();
        var options = app.Services.GetRequiredService<IOptions<WebClientOptions>>().Value;
        var nodeModules = string.IsNullOrEmpty(options.NodeModulesPath) ? FindNodeModules(app.Environment.ContentRootPath) : options.NodeModulesPath;
        if (nodeModules is null)
        {
            app.Logger.LogWarning("node_modules not found: run 'npm ci' at the repository root; the pages will lack the map and live updates");
        }
        else
        {
            Serve(app, Path.Combine(nodeModules, "leaflet", "dist"), "/lib/leaflet");
            Serve(app, Path.Combine(nodeModules, "@microsoft", "signalr", "dist", "browser"), "/lib/signalr");
        }
        app.MapGet("/api/v1/client-config", (IOptions<WebClientOptions> client) => TypedResults.Ok(new
        {
            data = new
            {
                // Empty means no tile layer: the map still shows the trail and markers on a plain background.
                tileUrl = client.Value.TileUrl,
                tileAttribution = client.Value.TileAttribution,
            },
        })).ExcludeFromDescription();
        return app;
    }

    private static void Serve(WebApplication app, string directory, string requestPath)
    {
        if (Directory.Exists(directory))
        {
            app.UseStaticFiles(new StaticFileOptions { FileProvider = new PhysicalFileProvider(directory), RequestPath = requestPath });
        }
    }

    private static string? FindNodeModules(string start)
    {
        for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "node_modules");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }
        return null;
    }
}
