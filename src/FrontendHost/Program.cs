using System.Text.Json;
using System.Text.Json.Serialization;
using OrleansRides.FrontendHost.Auth;
using OrleansRides.FrontendHost.Catalog;
using OrleansRides.FrontendHost.Chat;
using OrleansRides.FrontendHost.Cluster;
using OrleansRides.FrontendHost.Health;
using OrleansRides.FrontendHost.Infrastructure;
using OrleansRides.Runtime.Storage;
using OrleansRides.FrontendHost.Rides;
using OrleansRides.FrontendHost.Services;
using OrleansRides.FrontendHost.Site;
using OrleansRides.FrontendHost.WebClient;

var builder = WebApplication.CreateBuilder(args);

builder.AddPostgres();
builder.AddApiProblems();
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
builder.AddListenerServices();
builder.AddSessions();
builder.AddRideInterest();
builder.AddDemand();
builder.AddSiteCache();
builder.AddArticles();
builder.AddSitePages();
builder.AddSitePrograms();
builder.AddSiteAnnouncements();
builder.AddSiteHomepage();
builder.Services.ConfigureHttpJsonOptions(json =>
    json.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false)));
builder.Services.AddOpenApi(options => options.AddAccessRequirements());
builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = 1024 * 1024);

var app = builder.Build();

app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseAuthentication();
app.UseAuthorization();
app.UseRateLimiter();
app.UseOutputCache();
app.MapOpenApi("/openapi/v1.json");
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
app.MapListenerServices();
app.MapSessionsApi();
app.MapRideInterestApi();
app.MapDemandApi();
app.MapArticlesApi();
app.MapSitePagesApi();
app.MapSiteProgramsApi();
app.MapSiteAnnouncementsApi();
app.MapSiteHomepageApi();
app.MapHubContract();

app.Run();

/// <summary>Entry point; public so tests can host it with <c>WebApplicationFactory&lt;Program&gt;</c>.</summary>
public partial class Program;
