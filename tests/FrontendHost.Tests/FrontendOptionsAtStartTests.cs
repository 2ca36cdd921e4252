using Microsoft.Extensions.Options;

namespace OrleansRides.FrontendHost.Tests;

/// <summary>A bad setting stops the frontend at start with a message that names it. No request is made and no database is
/// touched: validation comes before anything starts.</summary>
public sealed class FrontendOptionsAtStartTests
{
    [Theory]
    [InlineData("Hubs:MaxMessageBytes", "0", "Hubs:MaxMessageBytes must be at least 1 byte, not 0.")]
    [InlineData("Hubs:MaxInvocationsPerSecond", "0", "Hubs:MaxInvocationsPerSecond must be at least 1 per second, not 0.")]
    [InlineData("RateLimits:SignupsPerHour", "0", "RateLimits:SignupsPerHour must be at least 1, not 0.")]
    [InlineData("RateLimits:FailedCodeLookupsPerMinute", "0", "RateLimits:FailedCodeLookupsPerMinute must be at least 1, not 0.")]
    [InlineData("WebClient:TileUrl", "javascript:alert(1)", "WebClient:TileUrl must be empty or an http(s) URL template")]
    [InlineData("Cors:AllowedOrigins:0", "radio.example", "Cors:AllowedOrigins must list origins such as https://radio.example; 'radio.example' is not one.")]
    public async Task A_setting_out_of_range_fails_at_start_naming_it(string key, string value, string message)
    {
        await using var factory = new FrontendFactory().With(key, value);

        var error = Assert.Throws<OptionsValidationException>(() => factory.CreateClient());

        Assert.Contains(message, error.Message);
    }

    [Fact]
    public async Task A_cluster_mode_that_is_not_a_boolean_fails_at_start_naming_it()
    {
        await using var factory = new FrontendFactory().With("Cluster:Enabled", "yes");

        var error = Assert.Throws<OptionsValidationException>(() => factory.CreateClient());

        Assert.Contains("'yes' at 'Cluster:Enabled'", error.Message);
    }

    [Fact]
    public async Task A_cluster_client_with_a_broker_url_that_is_not_amqp_fails_at_start_naming_it()
    {
        await using var factory = new FrontendFactory().With("Cluster:Enabled", "true").With("Cluster:RabbitMqUrl", "http://127.0.0.1:5673/");

        var error = Assert.Throws<OptionsValidationException>(() => factory.CreateClient());

        Assert.Contains("Cluster:RabbitMqUrl must be an amqp:// or amqps:// URI", error.Message);
    }
}
