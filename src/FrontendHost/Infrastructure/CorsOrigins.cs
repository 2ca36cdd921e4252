namespace OrleansRides.FrontendHost.Infrastructure;

/// <summary>Cross-origin access for the origins in <c>Cors:AllowedOrigins</c> only (for example
/// <c>["https://radio.example"]</c>); default none, so browsers allow same-origin calls alone. Tokens travel in the
/// <c>Authorization</c> header, never in cookies, so credentials mode stays off.</summary>
public static class CorsOrigins
{
    /// <summary>Registers the default CORS policy from <c>Cors:AllowedOrigins</c>.</summary>
    public static IHostApplicationBuilder AddCorsOrigins(this IHostApplicationBuilder builder)
    {
        var origins = builder.Configuration.GetSection("Cors:AllowedOrigins").Get<string[]>() ?? [];
        foreach (var origin in origins)
        {
            if (!Uri.TryCreate(origin, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || uri.AbsolutePath != "/")
            {
                throw new InvalidOperationException($"Cors:AllowedOrigins must list origins such as https://radio.example; '{origin}' is not one.");
            }
        }
        builder.Services.AddCors(cors => cors.AddDefaultPolicy(policy =>
        {
            if (origins.Length > 0)
            {
                policy.WithOrigins(origins).AllowAnyHeader().AllowAnyMethod()
                    .WithExposedHeaders("Location", "Retry-After")
                    .SetPreflightMaxAge(TimeSpan.FromHours(1));
            }
        }));
        return builder;
    }
}
