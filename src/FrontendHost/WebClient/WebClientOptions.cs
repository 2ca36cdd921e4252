using Microsoft.Extensions.Options;
using OrleansRides.FrontendHost.Infrastructure;

namespace OrleansRides.FrontendHost.WebClient;

/// <summary>The browser client's settings, from the <c>WebClient</c> section (environment <c>WebClient__TileUrl=...</c>).
/// Rules: <see cref="WebClientOptionsValidator"/>.</summary>
public sealed class WebClientOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "WebClient";

    /// <summary>The OpenStreetMap tile template used when <see cref="TileUrl"/> is not set (decision 19).</summary>
    public const string DefaultTileUrl = "https://tile.openstreetmap.org/{z}/{x}/{y}.png";

    /// <summary>The map tile URL template (<c>{s}</c>, <c>{z}</c>, <c>{x}</c>, <c>{y}</c> placeholders, Leaflet's). Default
    /// OpenStreetMap's tile server (<see cref="DefaultTileUrl"/>); empty for no tile layer, the trail and markers on a plain
    /// background (decision 19). Its origin joins the Content-Security-Policy's <c>img-src</c> (<see cref="SecurityHeaders"/>).</summary>
    public string TileUrl { get; set; } = DefaultTileUrl;

    /// <summary>The attribution shown under the map. Default <c>© OpenStreetMap contributors</c>, what OpenStreetMap's tile
    /// usage policy asks for.</summary>
    public string TileAttribution { get; set; } = "© OpenStreetMap contributors";

    /// <summary>The <c>node_modules</c> directory holding Leaflet and the SignalR client. Default none: the first
    /// <c>node_modules</c> found upward from the content root (where <c>npm ci</c> at the repository root puts it).</summary>
    public string? NodeModulesPath { get; set; }
}

/// <summary>The rules of <see cref="WebClientOptions"/>: <c>WebClient:TileUrl</c> is empty or an absolute <c>http</c> or
/// <c>https</c> URL template (anything else would be fetched by no browser and allowed by no policy), and
/// <c>WebClient:NodeModulesPath</c>, when set, names an existing directory (else the pages would load without their
/// libraries).</summary>
public sealed class WebClientOptionsValidator : IValidateOptions<WebClientOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, WebClientOptions options)
    {
        var failures = new List<string>();
        if (!string.IsNullOrEmpty(options.TileUrl) && SecurityHeaders.TileTemplateUri(options.TileUrl) is null)
        {
            failures.Add($"WebClient:TileUrl must be empty or an http(s) URL template such as {WebClientOptions.DefaultTileUrl}, not '{options.TileUrl}'.");
        }
        if (!string.IsNullOrEmpty(options.NodeModulesPath) && !Directory.Exists(options.NodeModulesPath))
        {
            failures.Add($"WebClient:NodeModulesPath must name an existing directory (where 'npm ci' put node_modules), not '{options.NodeModulesPath}'.");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
