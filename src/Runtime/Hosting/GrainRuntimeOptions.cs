namespace OrleansRides.Runtime.Hosting;

/// <summary>Runtime settings, bound from the <c>GrainRuntime</c> configuration section
/// (environment: <c>GRAINRUNTIME__CALLTIMEOUT=00:00:30</c>).</summary>
public sealed class GrainRuntimeOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "GrainRuntime";

    /// <summary>How long a caller waits for a grain call before <see cref="GrainCallTimeoutException"/>. Default 30 s,
    /// Orleans' <c>MessagingOptions.ResponseTimeout</c> default.</summary>
    public TimeSpan CallTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Default idle age before an activation is collected. Default 15 min, Orleans'
    /// <c>GrainCollectionOptions.CollectionAge</c> default.</summary>
    public TimeSpan DefaultIdleAge { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How often idle activations are looked for. Default 1 min, Orleans' <c>CollectionQuantum</c> default.</summary>
    public TimeSpan IdleCollectionInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How long shutdown waits for activations to save their state. Default 20 s.</summary>
    public TimeSpan ShutdownTimeout { get; set; } = TimeSpan.FromSeconds(20);
}
