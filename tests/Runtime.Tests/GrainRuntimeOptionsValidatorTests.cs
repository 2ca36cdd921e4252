using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OrleansRides.Runtime.Hosting;

namespace OrleansRides.Runtime.Tests;

public sealed class GrainRuntimeOptionsValidatorTests
{
    private static readonly GrainRuntimeOptionsValidator Validator = new();

    [Fact]
    public void The_defaults_pass() => Assert.True(Validator.Validate(null, new GrainRuntimeOptions()).Succeeded);

    [Theory]
    [InlineData(nameof(GrainRuntimeOptions.CallTimeout), "GrainRuntime:CallTimeout must be positive, not 0 s.")]
    [InlineData(nameof(GrainRuntimeOptions.DefaultIdleAge), "GrainRuntime:DefaultIdleAge must be positive, not 0 s.")]
    [InlineData(nameof(GrainRuntimeOptions.IdleCollectionInterval), "GrainRuntime:IdleCollectionInterval must be positive, not 0 s.")]
    [InlineData(nameof(GrainRuntimeOptions.ShutdownTimeout), "GrainRuntime:ShutdownTimeout must be positive, not 0 s.")]
    public void A_zero_timeout_fails_naming_it(string property, string message)
    {
        var options = new GrainRuntimeOptions();
        typeof(GrainRuntimeOptions).GetProperty(property)!.SetValue(options, TimeSpan.Zero);

        var result = Validator.Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains(message, result.Failures!);
    }

    [Fact]
    public void An_idle_age_not_above_the_collection_interval_fails()
    {
        var options = new GrainRuntimeOptions { DefaultIdleAge = TimeSpan.FromMinutes(1), IdleCollectionInterval = TimeSpan.FromMinutes(1) };

        var result = Validator.Validate(null, options);

        Assert.Equal(
            ["GrainRuntime:DefaultIdleAge (60 s) must exceed GrainRuntime:IdleCollectionInterval (60 s): idle activations are only looked for once per interval."],
            result.Failures);
    }

    [Fact]
    public void The_runtime_refuses_a_bad_setting_from_configuration()
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["GrainRuntime:CallTimeout"] = "-00:00:01" }).Build());
        services.AddGrainRuntime();
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<GrainRuntimeOptions>>().Value);

        Assert.Contains("GrainRuntime:CallTimeout must be positive, not -1 s.", error.Message);
    }
}
