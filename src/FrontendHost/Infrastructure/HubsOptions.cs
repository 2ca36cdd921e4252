using Microsoft.Extensions.Options;

namespace OrleansRides.FrontendHost.Infrastructure;

/// <summary>Limits of every SignalR hub connection, from the <c>Hubs</c> section (environment
/// <c>Hubs__MaxInvocationsPerSecond=...</c>). Rules: <see cref="HubsOptionsValidator"/>.</summary>
public sealed class HubsOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Hubs";

    /// <summary>The largest message a client may send, in bytes; a larger one closes the connection
    /// (docs/realtime-protocol.md, "Limits"). Default 16,384 (16 KiB; SignalR's own default is 32 KiB).</summary>
    public long MaxMessageBytes { get; set; } = 16 * 1024;

    /// <summary>Hub invocations allowed per connection and second, beyond which calls answer <c>RATE_LIMITED</c>.
    /// Default 60 (decision 12).</summary>
    public int MaxInvocationsPerSecond { get; set; } = 60;
}

/// <summary>The rules of <see cref="HubsOptions"/>: <c>Hubs:MaxMessageBytes</c> and <c>Hubs:MaxInvocationsPerSecond</c> are
/// at least 1 (0 would refuse every message or call).</summary>
public sealed class HubsOptionsValidator : IValidateOptions<HubsOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, HubsOptions options)
    {
        var failures = new List<string>();
        if (options.MaxMessageBytes < 1)
        {
            failures.Add($"Hubs:MaxMessageBytes must be at least 1 byte, not {options.MaxMessageBytes}.");
        }
        if (options.MaxInvocationsPerSecond < 1)
        {
            failures.Add($"Hubs:MaxInvocationsPerSecond must be at least 1 per second, not {options.MaxInvocationsPerSecond}.");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
