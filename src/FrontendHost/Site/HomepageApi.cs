using Microsoft.AspNetCore.Http.HttpResults;
using OrleansRides.FrontendHost.Catalog;
using OrleansRides.GrainInterfaces.Chat;
using OrleansRides.Runtime;
using OrleansRides.Site.Homepage;

namespace OrleansRides.FrontendHost.Site;

/// <summary><c>GET /api/v1/homepage</c>: the front page's read model (<see cref="HomepageReader"/>) plus the live chat's
/// listener count from the <c>radio/live</c> chat room grain. Cached 5 minutes (<see cref="SiteCachePolicies.Homepage"/>)
/// and evicted at once, on every frontend, by article, testimonial, programme and announcement writes.</summary>
public static partial class HomepageApi
{
    /// <summary>The live chat room the homepage links to.</summary>
    public const string LiveRoom = "radio/live";

    // The page must not wait long on the chat: after this it shows without a count.
    private static readonly TimeSpan PresenceTimeout = TimeSpan.FromSeconds(2);

    /// <summary>Registers the read model.</summary>
    public static IHostApplicationBuilder AddSiteHomepage(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<HomepageReader>();
        return builder;
    }

    /// <summary>Maps the endpoint.</summary>
    public static IEndpointRouteBuilder MapSiteHomepageApi(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/v1/homepage").WithTags("Homepage").MapGet("/", GetAsync).CacheOutput(SiteCachePolicies.Homepage);
        return app;
    }

    private static async Task<Ok<DataEnvelope<Homepage>>> GetAsync(
        HomepageReader reader, IGrainFactory grains, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        int? listeners = null;
        try
        {
            listeners = await grains.GetGrain<IChatRoomGrain>(LiveRoom).GetPresenceCount().WaitAsync(PresenceTimeout, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogPresenceUnavailable(loggers.CreateLogger(typeof(HomepageApi)), ex);
        }
        return TypedResults.Ok(new DataEnvelope<Homepage>(await reader.ReadAsync(new LiveChat(LiveRoom, listeners), cancellationToken)));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The homepage shows no listener count: the live chat room did not answer")]
    private static partial void LogPresenceUnavailable(ILogger logger, Exception exception);
}
