using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using OrleansRides.FrontendHost.Cluster;
using OrleansRides.FrontendHost.Infrastructure;
using OrleansRides.FrontendHost.WebClient;

namespace OrleansRides.FrontendHost.Tests;

/// <summary>The validators of the frontend's own options, without a host.</summary>
public sealed class FrontendOptionsValidatorTests
{
    [Fact]
    public void The_defaults_pass()
    {
        Assert.True(new HubsOptionsValidator().Validate(null, new HubsOptions()).Succeeded);
        Assert.True(new RateLimitOptionsValidator().Validate(null, new RateLimitOptions()).Succeeded);
        Assert.True(new CorsOriginsOptionsValidator().Validate(null, new CorsOriginsOptions()).Succeeded);
        Assert.True(new WebClientOptionsValidator().Validate(null, new WebClientOptions()).Succeeded);
    }

    [Fact]
    public void A_hub_limit_below_one_fails_naming_it()
    {
        var result = new HubsOptionsValidator().Validate(null, new HubsOptions { MaxMessageBytes = 0, MaxInvocationsPerSecond = -1 });

        Assert.Equal(["Hubs:MaxMessageBytes must be at least 1 byte, not 0.", "Hubs:MaxInvocationsPerSecond must be at least 1 per second, not -1."],
            result.Failures);
    }

    [Theory]
    [InlineData(nameof(RateLimitOptions.RequestsPerHour))]
    [InlineData(nameof(RateLimitOptions.FailedCodeLookupsPerMinute))]
    [InlineData(nameof(RateLimitOptions.RouteCreationsPerMinute))]
    [InlineData(nameof(RateLimitOptions.ChatSessionsPerMinute))]
    [InlineData(nameof(RateLimitOptions.ServiceRequestsPerMinute))]
    [InlineData(nameof(RateLimitOptions.SignupsPerHour))]
    [InlineData(nameof(RateLimitOptions.RefreshesPerHour))]
    [InlineData(nameof(RateLimitOptions.SubscriptionsPerHour))]
    [InlineData(nameof(RateLimitOptions.SessionsPerMinute))]
    [InlineData(nameof(RateLimitOptions.InterestChangesPerMinute))]
    [InlineData(nameof(RateLimitOptions.DemandRequestsPerMinute))]
    [InlineData(nameof(RateLimitOptions.TestimonialsPerHour))]
    [InlineData(nameof(RateLimitOptions.MembershipRegistrationsPerHour))]
    [InlineData(nameof(RateLimitOptions.UploadsPerHour))]
    public void A_rate_limit_of_zero_fails_naming_it(string property)
    {
        var options = new RateLimitOptions();
        typeof(RateLimitOptions).GetProperty(property)!.SetValue(options, 0);

        Assert.Equal([$"RateLimits:{property} must be at least 1, not 0."], new RateLimitOptionsValidator().Validate(null, options).Failures);
    }

    [Fact]
    public void The_rate_limit_defaults_are_the_ones_the_endpoints_had()
    {
        var defaults = new RateLimitOptions();

        Assert.Equal((1000, 10, 30, 10, 5, 20, 300, 20, 30, 120, 10, 5, 10, 10),
            (defaults.RequestsPerHour, defaults.FailedCodeLookupsPerMinute, defaults.RouteCreationsPerMinute, defaults.ChatSessionsPerMinute,
                defaults.ServiceRequestsPerMinute, defaults.SignupsPerHour, defaults.RefreshesPerHour, defaults.SubscriptionsPerHour,
                defaults.SessionsPerMinute, defaults.InterestChangesPerMinute, defaults.DemandRequestsPerMinute, defaults.TestimonialsPerHour,
                defaults.MembershipRegistrationsPerHour, defaults.UploadsPerHour));
    }

    [Theory]
    [InlineData("radio.example")]
    [InlineData("https://radio.example/path")]
    [InlineData("ftp://radio.example")]
    public void A_cors_entry_that_is_not_an_origin_fails(string origin)
    {
        var options = new CorsOriginsOptions { AllowedOrigins = ["https://radio.example", origin] };

        Assert.Equal([$"Cors:AllowedOrigins must list origins such as https://radio.example; '{origin}' is not one."],
            new CorsOriginsOptionsValidator().Validate(null, options).Failures);
    }

    [Theory]
    [InlineData("")]
    [InlineData("https://{s}.tiles.example.org/{z}/{x}/{y}.png")]
    [InlineData("http://127.0.0.1:8080/tiles/{z}/{x}/{y}.png")]
    public void An_empty_or_http_tile_url_passes(string tileUrl) =>
        Assert.True(new WebClientOptionsValidator().Validate(null, new WebClientOptions { TileUrl = tileUrl }).Succeeded);

    [Theory]
    [InlineData("javascript:alert(1)")]
    [InlineData("tiles/{z}/{x}/{y}.png")]
    public void A_tile_url_that_is_not_http_fails(string tileUrl) =>
        Assert.Equal([$"WebClient:TileUrl must be empty or an http(s) URL template such as {WebClientOptions.DefaultTileUrl}, not '{tileUrl}'."],
            new WebClientOptionsValidator().Validate(null, new WebClientOptions { TileUrl = tileUrl }).Failures);

    [Fact]
    public void A_node_modules_path_that_does_not_exist_fails()
    {
        var missing = Path.Combine(Path.GetTempPath(), $"missing-{Guid.NewGuid():N}");

        Assert.Equal([$"WebClient:NodeModulesPath must name an existing directory (where 'npm ci' put node_modules), not '{missing}'."],
            new WebClientOptionsValidator().Validate(null, new WebClientOptions { NodeModulesPath = missing }).Failures);
    }

    [Fact]
    public void An_empty_tile_url_in_configuration_stays_empty_meaning_no_tile_layer()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["WebClient:TileUrl"] = "" }).Build();

        Assert.Equal("", ValidatedOptions.ReadNow(configuration, WebClientOptions.SectionName, new WebClientOptionsValidator()).TileUrl);
    }

    [Theory]
    [InlineData(null, false)]
    [InlineData("true", true)]
    [InlineData("False", false)]
    public void Cluster_mode_is_read_from_Cluster_Enabled(string? value, bool enabled)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Cluster:Enabled"] = value }).Build();

        Assert.Equal(enabled, ValidatedOptions.ReadNow<ClusterModeOptions>(configuration, ClusterModeOptions.SectionName, null).Enabled);
    }

    [Fact]
    public void A_cluster_mode_that_is_not_a_boolean_fails_naming_the_setting()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Cluster:Enabled"] = "yes" }).Build();

        var error = Assert.Throws<OptionsValidationException>(() => ValidatedOptions.ReadNow<ClusterModeOptions>(configuration, ClusterModeOptions.SectionName, null));

        Assert.Contains("'yes' at 'Cluster:Enabled'", error.Message);
    }
}
