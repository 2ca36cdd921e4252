using System.Text.Json.Serialization;
using Microsoft.AspNetCore.OutputCaching;
using OrleansRides.Runtime.Topics;

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
    /// <summary><c>GET /api/v1/announcements</c> (the current ones).</summary>
    public const string Announcements = "site:announcements";
}

/// <summary>Output-cache policy names for the site's public reads, with the station design's lifetimes: homepage 5 min,
/// schedule 24 h, article lists 30 min, pages 1 h. Only anonymous GETs are cached (ASP.NET Core's default: a request with
/// an <c>Authorization</c> header is never served from or stored in the cache), so staff always see drafts live.</summary>
public static class SiteCachePolicies
{
    /// <summary>5 minutes, tag <see cref="SiteCacheTags.Homepage"/>.</summary>
    public const string Homepage = "site-homepage";
    /// <summary>24 hours, tag <see cref="SiteCacheTags.Schedule"/>, and never past the station's next local Monday 00:00
    /// (when "this week" becomes another week: <see cref="StationWeekExpiry"/>).</summary>
    public const string Schedule = "site-schedule";
    /// <summary>30 seconds, tag <see cref="SiteCacheTags.Schedule"/>: <c>/programs/now</c> changes with the clock, so its
    /// lifetime bounds how late the switch to the next programme shows.</summary>
    public const string OnAir = "site-on-air";
    /// <summary>30 minutes, tag <see cref="SiteCacheTags.Articles"/>.</summary>
    public const string Articles = "site-articles";
    /// <summary>1 hour, tag <see cref="SiteCacheTags.Pages"/>.</summary>
    public const string Pages = "site-pages";
    /// <summary>5 minutes (as the homepage that shows them), tag <see cref="SiteCacheTags.Announcements"/>: an announcement
    /// whose window opens or closes shows or goes within that lifetime; a write shows at once.</summary>
    public const string Announcements = "site-announcements";
}

/// <summary>A site event every frontend hears (the topic bus carries only registered types: decision 100).</summary>
public abstract record SiteEvent;

/// <summary>A cache eviction every frontend applies: published on <see cref="SiteCache.Topic"/>.</summary>
/// <param name="Tags">The <see cref="SiteCacheTags"/> to evict.</param>
/// <param name="Origin">The publishing frontend's <see cref="SiteCache.Origin"/>: it has evicted already and skips its own echo.</param>
public sealed record SiteCacheEvicted(IReadOnlyList<string> Tags, Guid Origin) : SiteEvent;

/// <summary>Source-generated JSON metadata for <see cref="SiteCacheEvicted"/> (cluster mode carries it over RabbitMQ).</summary>
[JsonSerializable(typeof(SiteCacheEvicted))]
public sealed partial class SiteCacheJsonContext : JsonSerializerContext;

/// <summary>Evicts cached site answers after a write, on every frontend. Every site write calls <see cref="InvalidateAsync"/>
/// with the tags it changes once the write is stored: this frontend's cache is evicted before the call returns (so the
/// writer's next read is fresh), and the eviction is published on <see cref="Topic"/> for the other frontends (decision 100).
/// When the bus refuses the publish (broker down) the eviction stays local and is logged; the other frontends then serve
/// their copy until its lifetime ends (<see cref="SiteCachePolicies"/>), which bounds the staleness.</summary>
public sealed partial class SiteCache(IOutputCacheStore store, ITopicPublisher publisher, ILogger<SiteCache> logger)
{
    /// <summary>The topic every frontend subscribes for evictions.</summary>
    public const string Topic = "site/cache";

    /// <summary>This frontend's id in the evictions it publishes, fresh per process.</summary>
    public Guid Origin { get; } = Guid.NewGuid();

    /// <summary>Evicts every cached answer tagged with one of <paramref name="tags"/> (<see cref="SiteCacheTags"/>) here, then
    /// on every other frontend over the topic bus. Never throws for a bus failure.</summary>
    public async Task InvalidateAsync(params string[] tags)
    {
        await EvictLocallyAsync(tags);
        try
        {
            await publisher.PublishAsync(Topic, new SiteCacheEvicted(tags, Origin)).AsTask().WaitAsync(TimeSpan.FromSeconds(5));
        }
        catch (Exception ex)
        {
            LogPublishFailed(logger, ex, string.Join(", ", tags));
        }
    }

    /// <summary>Evicts <paramref name="tags"/> from this frontend's cache only (what a received eviction does).</summary>
    public async Task EvictLocallyAsync(IEnumerable<string> tags)
    {
        foreach (var tag in tags)
        {
            await store.EvictByTagAsync(tag, CancellationToken.None);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Site cache eviction of {Tags} was not published; other frontends keep their copies until they expire")]
    private static partial void LogPublishFailed(ILogger logger, Exception exception, string tags);
}

/// <summary>Applies evictions published by the other frontends to this frontend's cache (its own were applied before they
/// were published, so their echo is skipped rather than evicting twice): subscribes
/// <see cref="SiteCache.Topic"/> at start.</summary>
public sealed class SiteCacheSubscriber(ITopicBus bus, SiteCache cache) : IHostedService, IAsyncDisposable
{
    private ITopicSubscriber? _subscriber;

    /// <inheritdoc />
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        _subscriber = bus.CreateSubscriber(async (_, message) =>
        {
            if (message is SiteCacheEvicted evicted && evicted.Origin != cache.Origin)
            {
                await cache.EvictLocallyAsync(evicted.Tags);
            }
        });
        await _subscriber.SubscribeAsync(SiteCache.Topic);
    }

    /// <inheritdoc />
    public async Task StopAsync(CancellationToken cancellationToken) => await DisposeAsync();

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _subscriber, null) is { } subscriber)
        {
            await subscriber.DisposeAsync();
        }
    }
}

/// <summary>Registration of the site's output cache.</summary>
public static class SiteCacheRegistration
{
    /// <summary>Adds the output cache with the <see cref="SiteCachePolicies"/>, <see cref="SiteCache"/> and the subscriber
    /// that applies other frontends' evictions.</summary>
    public static IHostApplicationBuilder AddSiteCache(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOutputCache(options =>
        {
            options.AddPolicy(SiteCachePolicies.Homepage, policy => policy.Expire(TimeSpan.FromMinutes(5)).Tag(SiteCacheTags.Homepage));
            options.AddPolicy(SiteCachePolicies.Schedule, policy => policy.Expire(TimeSpan.FromHours(24)).Tag(SiteCacheTags.Schedule)
                .AddPolicy<StationWeekExpiry>());
            options.AddPolicy(SiteCachePolicies.OnAir, policy => policy.Expire(TimeSpan.FromSeconds(30)).Tag(SiteCacheTags.Schedule));
            options.AddPolicy(SiteCachePolicies.Articles, policy => policy.Expire(TimeSpan.FromMinutes(30)).Tag(SiteCacheTags.Articles));
            options.AddPolicy(SiteCachePolicies.Pages, policy => policy.Expire(TimeSpan.FromHours(1)).Tag(SiteCacheTags.Pages));
            options.AddPolicy(SiteCachePolicies.Announcements, policy => policy.Expire(TimeSpan.FromMinutes(5)).Tag(SiteCacheTags.Announcements));
        });
        builder.Services.AddSingleton<SiteCache>();
        builder.Services.AddSingleton<SiteCacheSubscriber>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<SiteCacheSubscriber>());
        return builder;
    }
}
