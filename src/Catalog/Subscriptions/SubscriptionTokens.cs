using OrleansRides.GrainInterfaces.Rides;

namespace OrleansRides.Catalog.Subscriptions;

/// <summary>Subscription tokens are the same kind of secret as leader keys (<see cref="LeaderKeys"/>): 128 random bits,
/// base64url (22 characters), stored only as SHA-256.</summary>
public static class SubscriptionTokens
{
    /// <summary>Length of a token as issued.</summary>
    public const int Length = 22;

    /// <summary>A new random token.</summary>
    public static string Generate() => LeaderKeys.Generate();

    /// <summary>SHA-256 of the token's UTF-8 bytes (32 bytes), as stored in <c>subscription_tokens.token_hash</c>.</summary>
    public static byte[] Hash(string token) => LeaderKeys.Hash(token);

    /// <summary>Whether <paramref name="token"/> could have been issued (22 base64url characters): anything else is unknown
    /// without asking the database.</summary>
    public static bool IsWellFormed(string? token) =>
        token is { Length: Length } && token.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');
}
