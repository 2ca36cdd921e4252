namespace OrleansRides.Lounges.SignIn;

/// <summary>A short, human label for a signed-in device, made from its <c>User-Agent</c> header, such as
/// "Firefox on Linux" or "Safari on iPhone". No User-Agent parser package restores here (decision 115), so this reads only
/// the few tokens every major browser sends; anything else is "Unknown device" (or "Other client" with some header).
/// The label is at most <see cref="MaxLength"/> characters and never holds control characters.</summary>
public static class DeviceLabels
{
    /// <summary>Longest label, in characters.</summary>
    public const int MaxLength = 64;

    /// <summary>The label of a device with no (or an empty) User-Agent.</summary>
    public const string Unknown = "Unknown device";

    // Order matters: Edge and Opera also say "Chrome", Chrome also says "Safari", so the more specific token comes first.
    private static readonly (string Token, string Name)[] Browsers =
    [
        ("Edg/", "Edge"), ("EdgA/", "Edge"), ("OPR/", "Opera"), ("SamsungBrowser/", "Samsung Internet"), ("Firefox/", "Firefox"),
        ("FxiOS/", "Firefox"), ("CriOS/", "Chrome"), ("Chromium/", "Chromium"), ("HeadlessChrome/", "Chrome"), ("Chrome/", "Chrome"),
        ("Safari/", "Safari"), ("curl/", "curl"), ("node", "Node.js"), ("okhttp/", "Android app"),
    ];

    private static readonly (string Token, string Name)[] Systems =
    [
        ("iPhone", "iPhone"), ("iPad", "iPad"), ("Android", "Android"), ("Windows", "Windows"), ("CrOS", "ChromeOS"),
        ("Mac OS X", "macOS"), ("Macintosh", "macOS"), ("Linux", "Linux"),
    ];

    /// <summary>The label for <paramref name="userAgent"/> (any length, may be <c>null</c>).</summary>
    public static string FromUserAgent(string? userAgent)
    {
        if (string.IsNullOrWhiteSpace(userAgent))
        {
            return Unknown;
        }
        // Only the start is read: a real User-Agent names browser and system within a few hundred characters, and a hostile
        // megabyte costs nothing.
        var head = userAgent.Length > 512 ? userAgent[..512] : userAgent;
        var browser = Browsers.FirstOrDefault(b => head.Contains(b.Token, StringComparison.Ordinal)).Name;
        var system = Systems.FirstOrDefault(s => head.Contains(s.Token, StringComparison.Ordinal)).Name;
        var label = (browser, system) switch
        {
            (not null, not null) => $"{browser} on {system}",
            (not null, null) => browser,
            (null, not null) => $"Browser on {system}",
            _ => "Other client",
        };
        return label.Length > MaxLength ? label[..MaxLength] : label;
    }
}
