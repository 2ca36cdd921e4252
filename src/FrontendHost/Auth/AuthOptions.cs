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

    /// <summary>A sign-in session (its refresh token) not refreshed for this long expires (default 30 days). Each refresh
    /// moves the expiry on again (sliding), never past <see cref="SessionAbsoluteLifetime"/> after sign-in.</summary>
    public TimeSpan SessionIdleLifetime { get; set; } = TimeSpan.FromDays(30);

    /// <summary>The longest a sign-in session lasts after the login or signup that started it, however often it is
    /// refreshed (default 90 days): then the user signs in again.</summary>
    public TimeSpan SessionAbsoluteLifetime { get; set; } = TimeSpan.FromDays(90);

    /// <summary>Lifetime of an anonymous live-chat session (default 12 hours: a listening evening).</summary>
    public TimeSpan ChatSessionLifetime { get; set; } = TimeSpan.FromHours(12);

    /// <summary>Failed logins allowed per (email, client IP) within <see cref="LoginFailureWindow"/> before that pair must wait
    /// until the oldest of them leaves the window (default 5; OWASP Authentication Cheat Sheet, "Account lockout": a small
    /// threshold, applied where it cannot lock out the owner, who logs in from elsewhere).</summary>
    public int LoginFailureLimit { get; set; } = 5;

    /// <summary>Failed logins allowed per client IP, whatever the emails, within <see cref="LoginFailureWindow"/> (default 20:
    /// one address spraying passwords over many accounts).</summary>
    public int LoginFailuresPerAddress { get; set; } = 20;

    /// <summary>Failed logins per email, from any address, within <see cref="LoginFailureWindow"/> after which every further
    /// attempt on that account waits a growing delay (default 20): 1 s after the last failure, doubling with each failure
    /// beyond, at most <see cref="LoginAccountDelayCap"/>. A delay, never a lock: a guesser spread over many addresses is
    /// slowed to about one guess per cap, and the owner, from an address known for the account
    /// (<see cref="LoginKnownAddressLifetime"/>), does not wait at all.</summary>
    public int LoginFailuresPerAccount { get; set; } = 20;

    /// <summary>How long an address stays known for an account after a successful login from it (default 90 days). Known
    /// addresses are exempt from the per-account delay, so failures from elsewhere never keep the owner out.</summary>
    public TimeSpan LoginKnownAddressLifetime { get; set; } = TimeSpan.FromDays(90);

    /// <summary>The longest per-account delay (default 60 s).</summary>
    public TimeSpan LoginAccountDelayCap { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>The sliding window of the failure counts (default 15 minutes).</summary>
    public TimeSpan LoginFailureWindow { get; set; } = TimeSpan.FromMinutes(15);
}
