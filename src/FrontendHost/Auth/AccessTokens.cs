using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace OrleansRides.FrontendHost.Auth;

/// <summary>An issued token.</summary>
/// <param name="Token">The compact JWT, for <c>Authorization: Bearer</c> or the hub's <c>access_token</c> query.</param>
/// <param name="ExpiresAt">When it stops working, UTC.</param>
public sealed record IssuedToken(string Token, DateTimeOffset ExpiresAt);

/// <summary>Issues HS256 JWTs with the claims <c>sub</c> (user or session id), <c>name</c>, <c>role</c>, <c>email</c> and
/// <c>ver</c> (accounts only: the account's token version, which a role change or a deactivation moves on), <c>sid</c>
/// (accounts only: the sign-in session the token was issued in, which signing that device out revokes) and a unique
/// <c>jti</c> (what logout revokes).</summary>
public sealed class AccessTokens
{
    private readonly AuthOptions _options;
    private readonly TimeProvider _clock;
    private readonly JsonWebTokenHandler _handler = new();

    /// <summary>Reads the key from <see cref="AuthOptions.SigningKey"/>, or makes a random one (logged as a warning).</summary>
    public AccessTokens(IOptions<AuthOptions> options, TimeProvider clock, ILogger<AccessTokens> logger)
    {
        _options = options.Value;
        _clock = clock;
        var secret = _options.SigningKey;
        if (string.IsNullOrEmpty(secret))
        {
            logger.LogWarning("Auth:SigningKey is not set: tokens are signed with a random key and end with this process");
            secret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        }
        SigningKey = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(secret));
    }

    /// <summary>The key tokens are signed and validated with.</summary>
    public SymmetricSecurityKey SigningKey { get; }

    /// <summary>A member's access token in sign-in session <paramref name="sessionId"/>, valid for
    /// <see cref="AuthOptions.AccessTokenLifetime"/>.</summary>
    public IssuedToken ForUser(UserAccount user, Guid sessionId) =>
        Issue(user.Id.ToString(), user.Name, user.Role, (user.Email, user.TokenVersion, sessionId), _options.AccessTokenLifetime);

    /// <summary>An anonymous live-chat session's token, role <see cref="Roles.Listener"/>, valid for
    /// <see cref="AuthOptions.ChatSessionLifetime"/>.</summary>
    public IssuedToken ForChatSession(string sessionId, string displayName) =>
        Issue(sessionId, displayName, Roles.Listener, null, _options.ChatSessionLifetime);

    private IssuedToken Issue(string subject, string name, string role, (string Email, int Version, Guid SessionId)? account, TimeSpan lifetime)
    {
        var now = _clock.GetUtcNow();
        var expires = now + lifetime;
        var claims = new Dictionary<string, object>
        {
            [JwtRegisteredClaimNames.Sub] = subject,
            [JwtRegisteredClaimNames.Jti] = Guid.NewGuid().ToString("N"),
            ["name"] = name,
            ["role"] = role,
        };
        if (account is { } held)
        {
            claims[JwtRegisteredClaimNames.Email] = held.Email;
            claims[CallerClaims.TokenVersionClaim] = held.Version;
            claims[CallerClaims.SessionIdClaim] = held.SessionId.ToString();
        }
        var token = _handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = _options.Issuer,
            Audience = _options.Issuer,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = expires.UtcDateTime,
            Claims = claims,
            SigningCredentials = new SigningCredentials(SigningKey, SecurityAlgorithms.HmacSha256),
        });
        return new IssuedToken(token, expires);
    }
}

/// <summary>Reads the caller's identity from the validated token's claims.</summary>
public static class CallerClaims
{
    /// <summary>The claim carrying <see cref="UserAccount.TokenVersion"/> at issue.</summary>
    public const string TokenVersionClaim = "ver";

    /// <summary>The claim carrying the sign-in session id (<c>sessions.id</c>) of an account token.</summary>
    public const string SessionIdClaim = "sid";

    /// <summary>The <c>sid</c> claim, or <c>null</c> for a chat session's token (and account tokens issued before sessions
    /// existed).</summary>
    public static Guid? SessionId(this ClaimsPrincipal user) => Guid.TryParse(user.FindFirstValue(SessionIdClaim), out var id) ? id : null;

    /// <summary>The account's id, or <c>null</c> for an anonymous chat session (whose subject is not a UUID).</summary>
    public static Guid? UserId(this ClaimsPrincipal user) => Guid.TryParse(user.SubjectId(), out var id) ? id : null;

    /// <summary>The <c>ver</c> claim; 0 for tokens issued before accounts had versions (they match an unchanged account).</summary>
    public static int TokenVersion(this ClaimsPrincipal user) =>
        int.TryParse(user.FindFirstValue(TokenVersionClaim), System.Globalization.CultureInfo.InvariantCulture, out var version) ? version : 0;

    /// <summary>The <c>sub</c> claim: user id or chat session id.</summary>
    public static string? SubjectId(this ClaimsPrincipal user) => user.FindFirstValue(JwtRegisteredClaimNames.Sub);

    /// <summary>The <c>name</c> claim.</summary>
    public static string DisplayName(this ClaimsPrincipal user) => user.FindFirstValue("name") ?? "";

    /// <summary>The <c>role</c> claim.</summary>
    public static string? RoleName(this ClaimsPrincipal user) => user.FindFirstValue("role");

    /// <summary>The <c>jti</c> claim.</summary>
    public static string? TokenId(this ClaimsPrincipal user) => user.FindFirstValue(JwtRegisteredClaimNames.Jti);

    /// <summary>The <c>exp</c> claim, UTC.</summary>
    public static DateTimeOffset? ExpiresAt(this ClaimsPrincipal user) =>
        long.TryParse(user.FindFirstValue(JwtRegisteredClaimNames.Exp), out var seconds) ? DateTimeOffset.FromUnixTimeSeconds(seconds) : null;
}
