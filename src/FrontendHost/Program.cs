using System.Text.Json;
using System.Text.Json.Serialization;
using OrleansRides.FrontendHost.Auth;
using OrleansRides.FrontendHost.Catalog;
using OrleansRides.FrontendHost.Chat;
using OrleansRides.FrontendHost.Cluster;
using OrleansRides.FrontendHost.Health;
using OrleansRides.FrontendHost.Infrastructure;
using OrleansRides.FrontendHost.Lounges;
using OrleansRides.Runtime.Storage;
using OrleansRides.FrontendHost.Rides;
using OrleansRides.FrontendHost.Services;
using OrleansRides.FrontendHost.Site;
using OrleansRides.FrontendHost.WebClient;

var builder = WebApplication.CreateBuilder(args);

builder.AddPostgres();
builder.AddApiProblems();
builder.AddForwardedClientAddresses();
builder.AddCorsOrigins();
builder.AddWebClient();
builder.AddGlobalRateLimit();
builder.AddSlowRequestLog();
builder.AddPrometheusMetrics();
builder.AddHealth();
builder.AddRouteCatalog();
builder.AddRegions();
builder.AddTags();
builder.AddSubscriptions();
builder.AddScheduledRides();
builder.AddGrains();
builder.AddClusterStatus();
builder.AddRealtimeHubs();
builder.AddRideTracking();
builder.AddAccounts();
builder.AddChat();
builder.AddLoungeAccess();
builder.AddMarketplace();
builder.AddListenerServices();
builder.AddSessions();
builder.AddRideInterest();
builder.AddDemand();
builder.AddSiteCache();
builder.AddArticles();
builder.AddGallery();
builder.AddSitePages();
builder.AddSitePrograms();
builder.AddSiteAnnouncements();
builder.AddSiteHomepage();
builder.AddMembership();
builder.AddTestimonials();
builder.AddStaffQueues();
builder.Services.ConfigureHttpJsonOptions(json =>
    json.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false)));
builder.Services.AddOpenApi(options => options.AddAccessRequirements());
builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = 1024 * 1024);

var app = builder.Build();

// Order matters (docs/architecture.md, "Request pipeline"): the client's address first, then the headers every answer
// carries, the slow-request timer, errors, CORS (preflights end there), identity, limits, cache.
app.UseForwardedClientAddresses();
app.UseSecurityHeaders();
app.UseSlowRequestLog();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseCors();
app.UseAuthentication();
app.UseAuthorization();
app.UseRateLimitsOutsideHubs();
app.UseOutputCache();
app.MapOpenApi("/openapi/v1.json");
app.MapPrometheusMetrics();
app.MapWebClient();
app.MapHealthApi();
app.MapRoutesApi();
app.MapRegionsApi();
app.MapTagsApi();
app.MapSubscriptionsApi();
app.MapRidesApi();
app.MapClusterApi();
app.MapRideHub();
app.MapAuthApi();
app.MapChatApi();
app.MapLoungesApi();
app.MapMarketplaceApi();
app.MapListenerServices();
app.MapSessionsApi();
app.MapRideInterestApi();
app.MapDemandApi();
app.MapArticlesApi();
app.MapGalleryApi();
app.MapSitePagesApi();
app.MapSiteProgramsApi();
app.MapSiteAnnouncementsApi();
app.MapSiteHomepageApi();
app.MapMembershipApi();
app.MapTestimonialsApi();
app.MapStaffQueuesApi();
app.MapHubContract();

app.Run();

/// <summary>Entry point; public so tests can host it with <c>WebApplicationFactory&lt;Program&gt;</c>.</summary>
public partial class Program;
