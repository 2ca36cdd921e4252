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
    public const string DefaultTileUrl = "https://tile.openstreetmap.org/{z}/{x}/{y}.png";

    /// <summary>The policy for a tile URL template such as <c>https://{s}.tile.example.org/{z}/{x}/{y}.png</c>: its
    /// origin joins <c>img-src</c> (<c>{s}</c> subdomains as <c>*</c>); an empty or unparsable template adds nothing.</summary>
    public static string ContentSecurityPolicy(string? tileUrl) =>
        $"default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:{TileSource(tileUrl)}; connect-src 'self'; "
        + "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    private static string TileSource(string? tileUrl)
    {
        if (string.IsNullOrWhiteSpace(tileUrl))
        {
            return "";
        }
        // Placeholders are not URL characters: a subdomain placeholder becomes CSP's wildcard, the rest a dummy value.
        var template = tileUrl.Replace("{s}.", "subdomain-placeholder.", StringComparison.Ordinal);
        if (!Uri.TryCreate(template.Replace("{", "", StringComparison.Ordinal).Replace("}", "", StringComparison.Ordinal), UriKind.Absolute, out var uri)
            || uri.Scheme is not ("https" or "http"))
        {
            return "";
        }
        var host = uri.Host.Replace("subdomain-placeholder", "*", StringComparison.Ordinal);
        return $" {uri.Scheme}://{host}{(uri.IsDefaultPort ? "" : $":{uri.Port}")}";
    }

    /// <summary>Adds the headers to every response of the pipeline after it. Registered through
    /// <see cref="HttpResponse.OnStarting(Func{Task})"/> so error answers, whose handler clears the headers, keep them.</summary>
    public static IApplicationBuilder UseSecurityHeaders(this WebApplication app)
    {
        var policy = ContentSecurityPolicy(app.Configuration["WebClient:TileUrl"] ?? DefaultTileUrl);
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
