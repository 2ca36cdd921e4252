using Microsoft.AspNetCore.OutputCaching;

namespace OrleansRides.FrontendHost.Site;

/// <summary>Tags of the site's cached answers: a write evicts every tag whose answers it changes (an article published:
/// <see cref="Articles"/> and <see cref="Homepage"/>).</summary>
public static class SiteCacheTags
{
    /// <summary><c>GET /api/v1/homepage</c>.</summary>
    public const string Homepage = "site:homepage";
    /// <summary>Article lists, single articles and categories.</summary>
    public const string Articles = "site:articles";
    /// <summary><c>GET /api/v1/programs/schedule</c> and <c>/now</c>, and program lists.</summary>
    public const string Schedule = "site:schedule";
    /// <summary><c>GET /api/v1/pages/{slug}</c>.</summary>
    public const string Pages = "site:pages";
}

/// <summary>Output-cache policy names for the site's public reads, with the station design's lifetimes: homepage 5 min,
/// schedule 24 h, article lists 30 min, pages 1 h. Only anonymous GETs are cached (ASP.NET Core's default: a request with
/// an <c>Authorization</c> header is never served from or stored in the cache), so staff always see drafts live.</summary>
public static class SiteCachePolicies
{
    /// <summary>5 minutes, tag <see cref="SiteCacheTags.Homepage"/>.</summary>
    public const string Homepage = "site-homepage";
    /// <summary>24 hours, tag <see cref="SiteCacheTags.Schedule"/>.</summary>
    public const string Schedule = "site-schedule";
    /// <summary>30 minutes, tag <see cref="SiteCacheTags.Articles"/>.</summary>
    public const string Articles = "site-articles";
    /// <summary>1 hour, tag <see cref="SiteCacheTags.Pages"/>.</summary>
    public const string Pages = "site-pages";
}

/// <summary>Evicts cached site answers after a write. Every site write calls <see cref="InvalidateAsync"/> with the tags
/// it changes once the write is stored.</summary>
public sealed class SiteCache(IOutputCacheStore store)
{
    /// <summary>Evicts every cached answer tagged with one of <paramref name="tags"/> (<see cref="SiteCacheTags"/>).</summary>
    public async Task InvalidateAsync(params string[] tags)
    {
        foreach (var tag in tags)
        {
            await store.EvictByTagAsync(tag, CancellationToken.None);
        }
    }
}

/// <summary>Registration of the site's output cache.</summary>
public static class SiteCacheRegistration
{
    /// <summary>Adds the output cache with the <see cref="SiteCachePolicies"/> and <see cref="SiteCache"/>.</summary>
    public static IHostApplicationBuilder AddSiteCache(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOutputCache(options =>
        {
            options.AddPolicy(SiteCachePolicies.Homepage, policy => policy.Expire(TimeSpan.FromMinutes(5)).Tag(SiteCacheTags.Homepage));
            options.AddPolicy(SiteCachePolicies.Schedule, policy => policy.Expire(TimeSpan.FromHours(24)).Tag(SiteCacheTags.Schedule));
            options.AddPolicy(SiteCachePolicies.Articles, policy => policy.Expire(TimeSpan.FromMinutes(30)).Tag(SiteCacheTags.Articles));
            options.AddPolicy(SiteCachePolicies.Pages, policy => policy.Expire(TimeSpan.FromHours(1)).Tag(SiteCacheTags.Pages));
        });
        builder.Services.AddSingleton<SiteCache>();
        return builder;
    }
}
