namespace OrleansRides.Grains.Chat;

/// <summary>Chat room tuning, from configuration section <c>Chat</c>.</summary>
public sealed class ChatOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Chat";

    /// <summary>Up to this many connections a room announces every join and leave (<c>userJoined</c>/<c>userLeft</c>);
    /// above it only a <c>presenceCount</c> per <see cref="PresenceInterval"/>, since per-join events to N listeners cost
    /// N² deliveries while a room fills (default 100).</summary>
    public int PresenceDetailLimit { get; set; } = 100;

    /// <summary>Interval of <c>presenceCount</c> in large rooms (default 1 s).</summary>
    public TimeSpan PresenceInterval { get; set; } = TimeSpan.FromSeconds(1);
}
