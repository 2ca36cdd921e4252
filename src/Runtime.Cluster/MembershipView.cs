using System.Text;
using System.Text.Json.Serialization;

namespace OrleansRides.Runtime.Cluster;

/// <summary>Status of a silo in the membership table (JSON: <c>joining</c>, <c>active</c>, <c>shuttingDown</c>, <c>dead</c>).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<SiloStatus>))]
public enum SiloStatus
{
    /// <summary>Registered, not yet serving.</summary>
    [JsonStringEnumMemberName("joining")] Joining,
    /// <summary>Serving; owns grains.</summary>
    [JsonStringEnumMemberName("active")] Active,
    /// <summary>Leaving gracefully; owns nothing.</summary>
    [JsonStringEnumMemberName("shuttingDown")] ShuttingDown,
    /// <summary>Declared dead; must stop serving.</summary>
    [JsonStringEnumMemberName("dead")] Dead,
}

/// <summary>One row of the membership table.</summary>
/// <param name="SiloId">Unique per silo process.</param>
/// <param name="Queue">The RabbitMQ queue that takes its calls.</param>
/// <param name="Host">Machine name of its process.</param>
/// <param name="ProcessId">OS process id.</param>
/// <param name="Status">Current status.</param>
/// <param name="StartedAt">Registration time (UTC, database clock).</param>
/// <param name="HeartbeatAge">Time since its last heartbeat, by the database clock.</param>
/// <param name="ActivationCount">Activations it reported with its last heartbeat.</param>
/// <param name="Version">The row's ETag.</param>
/// <param name="DeclaredDeadBy">The node that declared it dead (a silo id, with " (queue gone)" when the broker was the
/// evidence); null while it is not dead, and when it marked itself dead at the end of a graceful stop.</param>
public sealed record SiloEntry(string SiloId, string Queue, string Host, int ProcessId, SiloStatus Status, DateTimeOffset StartedAt, TimeSpan HeartbeatAge, int ActivationCount, long Version, string? DeclaredDeadBy = null)
{
    /// <summary>Dead by its own graceful stop (nobody declared it): it handed its grains off and keeps answering what it
    /// received for three probe intervals before its queue closes.</summary>
    public bool LeftGracefully => Status == SiloStatus.Dead && DeclaredDeadBy is null;
}

/// <summary>A consistent snapshot of the membership table. Placement is rendezvous (highest-random-weight) hashing of
/// the grain id over the active silos, so every node with the same view picks the same owner, and a silo joining or
/// leaving moves only the grains it gains or owned (about 1/N of them).</summary>
/// <param name="Version">The table version this view was read at.</param>
/// <param name="Silos">Every row, dead ones included.</param>
public sealed record MembershipView(long Version, IReadOnlyList<SiloEntry> Silos)
{
    /// <summary>The empty view, before the first read.</summary>
    public static MembershipView Empty { get; } = new(-1, []);

    /// <summary>Silos that own grains, ordered by id.</summary>
    public IReadOnlyList<SiloEntry> Active { get; } = [.. Silos.Where(s => s.Status == SiloStatus.Active).OrderBy(s => s.SiloId, StringComparer.Ordinal)];

    /// <summary>The owner of <paramref name="grain"/>, or null when no silo is active.</summary>
    public SiloEntry? OwnerOf(GrainId grain)
    {
        SiloEntry? best = null;
        ulong bestScore = 0;
        var grainText = grain.ToString();
        foreach (var silo in Active)
        {
            var score = Score(grainText, silo.SiloId);
            if (best is null || score > bestScore)
            {
                best = silo;
                bestScore = score;
            }
        }
        return best;
    }

    /// <summary>The rendezvous weight of (grain, silo): FNV-1a 64 over both ids, then the SplitMix64 finalizer to spread
    /// the bits. Stable across processes and .NET versions (unlike <see cref="string.GetHashCode()"/>).</summary>
    public static ulong Score(string grain, string siloId)
    {
        var hash = 14695981039346656037UL;
        foreach (var b in Encoding.UTF8.GetBytes($"{grain}\n{siloId}"))
        {
            hash = (hash ^ b) * 1099511628211UL;
        }
        hash = (hash ^ (hash >> 30)) * 0xBF58476D1CE4E5B9UL;
        hash = (hash ^ (hash >> 27)) * 0x94D049BB133111EBUL;
        return hash ^ (hash >> 31);
    }
}
