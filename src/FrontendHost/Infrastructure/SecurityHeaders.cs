using Microsoft.Extensions.Options;
using OrleansRides.FrontendHost.WebClient;

namespace OrleansRides.FrontendHost.Infrastructure;

/// <summary>Security headers on every response (API answers, pages, static files, errors): a Content-Security-Policy
/// that allows script, style, fetches and frames from this origin only (no inline script or style: the pages load
/// modules and app.css), images from here, <c>data:</c> URLs (Leaflet's icons) and the map tile host of
/// <c>WebClient:TileUrl</c>; <c>nosniff</c>; <c>Referrer-Policy: strict-origin-when-cross-origin</c>;
/// <c>X-Frame-Options: DENY</c> for browsers without <c>frame-ancestors</c>; and a Permissions-Policy that lets this
/// origin alone ask for the position (the leader page sends GPS fixes).</summary>
public static class SecurityHeaders
{
    /// <summary>The OpenStreetMap tile template the web client uses when <c>WebClient:TileUrl</c> is not set.</summary>
    public const string DefaultTileUrl = WebClientOptions.DefaultTileUrl;

    /// <summary>The policy for a tile URL template such as <c>https://{s}.tile.example.org/{z}/{x}/{y}.png</c>: its
    /// origin joins <c>img-src</c> (<c>{s}</c> subdomains as <c>*</c>); an empty or unparsable template adds nothing.</summary>
    public static string ContentSecurityPolicy(string? tileUrl) =>
        $"default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:{TileSource(tileUrl)}; connect-src 'self'; "
        + "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    private static string TileSource(string? tileUrl)
    {
        if (TileTemplateUri(tileUrl) is not { } uri)
        {
            return "";
        }
        var host = uri.Host.Replace(SubdomainPlaceholder, "*", StringComparison.Ordinal);
        return $" {uri.Scheme}://{host}{(uri.IsDefaultPort ? "" : $":{uri.Port}")}";
    }

    private const string SubdomainPlaceholder = "subdomain-placeholder";

    /// <summary>A tile URL template as an absolute <c>http</c>/<c>https</c> URI (placeholders filled with dummy values, a
    /// <c>{s}.</c> subdomain with a placeholder host label); null when empty or not such a URL.</summary>
    public static Uri? TileTemplateUri(string? tileUrl)
    {
        if (string.IsNullOrWhiteSpace(tileUrl))
        {
            return null;
        }
        // Placeholders are not URL characters: a subdomain placeholder becomes CSP's wildcard, the rest a dummy value.
        var template = tileUrl.Replace("{s}.", SubdomainPlaceholder + ".", StringComparison.Ordinal);
        return Uri.TryCreate(template.Replace("{", "", StringComparison.Ordinal).Replace("}", "", StringComparison.Ordinal), UriKind.Absolute, out var uri)
            && uri.Scheme is "https" or "http" ? uri : null;
    }

    /// <summary>Adds the headers to every response of the pipeline after it. Registered through
    /// <see cref="HttpResponse.OnStarting(Func{Task})"/> so error answers, whose handler clears the headers, keep them.</summary>
    public static IApplicationBuilder UseSecurityHeaders(this WebApplication app)
    {
        var policy = ContentSecurityPolicy(app.Services.GetRequiredService<IOptions<WebClientOptions>>().Value.TileUrl);
        return app.Use((context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                headers.ContentSecurityPolicy = policy;
                headers.XContentTypeOptions = "nosniff";
                headers.XFrameOptions = "DENY";
                headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
                headers["Permissions-Policy"] = "geolocation=(self), camera=(), microphone=(), payment=(), usb=()";
                return Task.CompletedTask;
            });
            return next(context);
        });
    }
}
