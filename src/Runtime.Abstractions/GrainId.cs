namespace OrleansRides.Runtime;

/// <summary>Identity of a grain: its type name (for example <c>ride</c>) and its key (for example <c>K7Q2XZ</c>).</summary>
/// <param name="Type">Grain type name, derived from the interface name: <c>IRideGrain</c> → <c>ride</c>.</param>
/// <param name="Key">The string key, case-sensitive.</param>
public readonly record struct GrainId(string Type, string Key)
{
    /// <summary>The canonical text form <c>type/key</c>, used in logs, errors and placement hashing.</summary>
    public override string ToString() => $"{Type}/{Key}";
}
