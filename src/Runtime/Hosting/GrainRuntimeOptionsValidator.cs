using System.Globalization;
using Microsoft.Extensions.Options;

namespace OrleansRides.Runtime.Hosting;

/// <summary>The rules of <see cref="GrainRuntimeOptions"/>, checked when the host starts (<c>ValidateOnStart</c>):
/// <list type="bullet">
/// <item><c>GrainRuntime:CallTimeout</c>, <c>GrainRuntime:DefaultIdleAge</c>, <c>GrainRuntime:IdleCollectionInterval</c>
/// and <c>GrainRuntime:ShutdownTimeout</c> are positive.</item>
/// <item><c>GrainRuntime:DefaultIdleAge</c> exceeds <c>GrainRuntime:IdleCollectionInterval</c>: idle activations are looked
/// for once per interval, so an age at or below it could not be honoured. The rule of Orleans'
/// <c>GrainCollectionOptionsValidator</c> ("CollectionAge must be greater than CollectionQuantum").</item>
/// </list></summary>
public sealed class GrainRuntimeOptionsValidator : IValidateOptions<GrainRuntimeOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, GrainRuntimeOptions options)
    {
        var failures = new List<string>();
        Positive(failures, "CallTimeout", options.CallTimeout);
        Positive(failures, "DefaultIdleAge", options.DefaultIdleAge);
        Positive(failures, "IdleCollectionInterval", options.IdleCollectionInterval);
        Positive(failures, "ShutdownTimeout", options.ShutdownTimeout);
        if (options.IdleCollectionInterval > TimeSpan.Zero && options.DefaultIdleAge <= options.IdleCollectionInterval)
        {
            failures.Add($"GrainRuntime:DefaultIdleAge ({Seconds(options.DefaultIdleAge)}) must exceed GrainRuntime:IdleCollectionInterval "
                + $"({Seconds(options.IdleCollectionInterval)}): idle activations are only looked for once per interval.");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void Positive(List<string> failures, string key, TimeSpan value)
    {
        if (value <= TimeSpan.Zero)
        {
            failures.Add($"GrainRuntime:{key} must be positive, not {Seconds(value)}.");
        }
    }

    private static string Seconds(TimeSpan value) => string.Create(CultureInfo.InvariantCulture, $"{value.TotalSeconds:0.###} s");
}
