namespace OrleansRides.FrontendHost.Auth;

/// <summary>Token and login settings, from configuration section <c>Auth</c>.</summary>
public sealed class AuthOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Auth";

    /// <summary>HMAC-SHA256 key for tokens, at least 32 characters (environment <c>AUTH__SIGNINGKEY</c>). Every frontend of a
    /// cluster needs the same key. When unset, a random key is made per process: fine for one frontend, and tokens end with
    /// the process.</summary>
    public string? SigningKey { get; set; }

    /// <summary>Issuer and audience written into tokens.</summary>
    public string Issuer { get; set; } = "orleansrides";

    /// <summary>Lifetime of a member's access token (default 15 minutes).</summary>
    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Lifetime of an anonymous live-chat session (default 12 hours: a listening evening).</summary>
    public TimeSpan ChatSessionLifetime { get; set; } = TimeSpan.FromHours(12);

    /// <summary>Failed logins allowed per client IP and per email within <see cref="LoginFailureWindow"/> (default 5).</summary>
    public int LoginFailureLimit { get; set; } = 5;

    /// <summary>The sliding window of <see cref="LoginFailureLimit"/> (default 15 minutes).</summary>
    public TimeSpan LoginFailureWindow { get; set; } = TimeSpan.FromMinutes(15);
}
