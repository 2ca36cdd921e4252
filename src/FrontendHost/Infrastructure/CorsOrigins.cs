using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.Extensions.Options;

namespace OrleansRides.FrontendHost.Infrastructure;

/// <summary>Cross-origin access for the origins in <c>Cors:AllowedOrigins</c> only (<see cref="CorsOriginsOptions"/>); default
/// none, so browsers allow same-origin calls alone. Tokens travel in the <c>Authorization</c> header, never in cookies, so
/// credentials mode stays off.</summary>
public static class CorsOrigins
{
    /// <summary>Registers the default CORS policy from <see cref="CorsOriginsOptions"/>.</summary>
    public static IHostApplicationBuilder AddCorsOrigins(this IHostApplicationBuilder builder)
    {
        builder.Services.AddValidatedOptions<CorsOriginsOptions, CorsOriginsOptionsValidator>(CorsOriginsOptions.SectionName);
        builder.Services.AddCors();
        builder.Services.AddOptions<CorsOptions>().Configure<IOptions<CorsOriginsOptions>>((cors, allowed) => cors.AddDefaultPolicy(policy =>
        {
            if (allowed.Value.AllowedOrigins.Count > 0)
            {
                policy.WithOrigins([.. allowed.Value.AllowedOrigins]).AllowAnyHeader().AllowAnyMethod()
                    .WithExposedHeaders("Location", "Retry-After")
                    .SetPreflightMaxAge(TimeSpan.FromHours(1));
            }
        }));
        return builder;
    }
}

/// <summary>The origins allowed cross-origin calls, from the <c>Cors</c> section (environment
/// <c>Cors__AllowedOrigins__0=https://radio.example</c>). Rules: <see cref="CorsOriginsOptionsValidator"/>.</summary>
public sealed class CorsOriginsOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Cors";

    /// <summary>Origins such as <c>https://radio.example</c>. Default none: same-origin calls only.</summary>
    public List<string> AllowedOrigins { get; set; } = [];
}

/// <summary>The rule of <see cref="CorsOriginsOptions"/>: each entry of <c>Cors:AllowedOrigins</c> is an origin, an absolute
/// <c>http</c> or <c>https</c> URI with no path (<c>https://radio.example</c>, not <c>https://radio.example/path</c> or
/// <c>radio.example</c>), since browsers compare the <c>Origin</c> header with it as a whole.</summary>
public sealed class CorsOriginsOptionsValidator : IValidateOptions<CorsOriginsOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, CorsOriginsOptions options)
    {
        var failures = options.AllowedOrigins
            .Where(origin => !Uri.TryCreate(origin, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || uri.AbsolutePath != "/")
            .Select(origin => $"Cors:AllowedOrigins must list origins such as https://radio.example; '{origin}' is not one.")
            .ToList();
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
