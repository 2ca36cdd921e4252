using Microsoft.Extensions.FileProviders;

namespace OrleansRides.FrontendHost.WebClient;

/// <summary>The browser client: pages from <c>wwwroot</c>, Leaflet and the SignalR client from the npm packages that the
/// scripts restore into <c>node_modules</c> (found upward from the content root, or at <c>WebClient:NodeModulesPath</c>),
/// and <c>GET /api/v1/client-config</c> with the map tile settings.</summary>
public static class WebClientExtensions
{
    /// <summary>Serves the pages and libraries.</summary>
    public static WebApplication MapWebClient(this WebApplication app)
    {
        app.UseDefaultFiles();
        app.UseStaticFiles();
        var nodeModules = app.Configuration["WebClient:NodeModulesPath"] ?? FindNodeModules(app.Environment.ContentRootPath);
        if (nodeModules is null)
        {
            app.Logger.LogWarning("node_modules not found: run 'npm ci' at the repository root; the pages will lack the map and live updates");
        }
        else
        {
            Serve(app, Path.Combine(nodeModules, "leaflet", "dist"), "/lib/leaflet");
            Serve(app, Path.Combine(nodeModules, "@microsoft", "signalr", "dist", "browser"), "/lib/signalr");
        }
        app.MapGet("/api/v1/client-config", (IConfiguration configuration) => TypedResults.Ok(new
        {
            data = new
            {
                // Empty means no tile layer: the map still shows the trail and markers on a plain background.
                tileUrl = configuration["WebClient:TileUrl"] ?? "https://tile.openstreetmap.org/{z}/{x}/{y}.png",
                tileAttribution = configuration["WebClient:TileAttribution"] ?? "© OpenStreetMap contributors",
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
