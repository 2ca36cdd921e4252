using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace OrleansRides.Lounges;

/// <summary>The platform's bearer secrets that are not JWTs (refresh tokens, invite links): 32 random bytes written as
/// base64url (43 characters, no padding), of which only the SHA-256 is stored. A slow hash would add nothing: 256 random
/// bits cannot be guessed, and the hash only keeps a database reader from using the tokens it sees.</summary>
public static class OpaqueTokens
{
    /// <summary>The length of a token, in characters.</summary>
    public const int Length = 43;

    /// <summary>A fresh token and the hash to store for it.</summary>
    public static (string Token, byte[] Hash) New()
    {
        var token = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        return (token, Hash(token));
    }

    /// <summary>The stored hash of <paramref name="token"/>: SHA-256 of its UTF-8 text (32 bytes).</summary>
    public static byte[] Hash(string token) => SHA256.HashData(Encoding.UTF8.GetBytes(token));
}
