using System.Security.Cryptography;

namespace OrleansRides.GrainInterfaces.Rides;

/// <summary>Route access codes from a 32-letter alphabet without 0/O/1/I, easy to read aloud and type. New codes have
/// <see cref="Length"/> = 10 characters (32¹⁰ = 2⁵⁰ ≈ 1.13 × 10¹⁵ codes), sized with the failed-look-up limit so that
/// guessing one of 10,000 live routes from 100 addresses takes over a century on average (docs/decisions.md, decision 46);
/// codes of the former <see cref="LegacyLength"/> = 6 (32⁶ ≈ 1.07 × 10⁹) keep working.</summary>
public static class AccessCodes
{
    /// <summary>The alphabet: digits 2-9 and A-Z without I and O.</summary>
    public const string Alphabet = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";

    /// <summary>Length of a new code.</summary>
    public const int Length = 10;

    /// <summary>Length of the codes issued before decision 46; they still resolve.</summary>
    public const int LegacyLength = 6;

    /// <summary>A new random code of <see cref="Length"/> characters (cryptographic RNG). Uniqueness is the database's job.</summary>
    public static string Generate() => RandomNumberGenerator.GetString(Alphabet, Length);

    /// <summary>Upper-cases and trims <paramref name="input"/>; returns null when it cannot be a code (of either length).</summary>
    public static string? Normalize(string? input)
    {
        var code = input?.Trim().ToUpperInvariant();
        return code is { Length: Length or LegacyLength } && code.All(c => Alphabet.Contains(c, StringComparison.Ordinal)) ? code : null;
    }
}

/// <summary>Leader keys: 128 random bits, base64url (22 characters), stored as SHA-256. A fast hash is right for a
/// high-entropy random secret; slow password hashes exist for guessable human passwords.</summary>
public static class LeaderKeys
{
    /// <summary>A new random leader key.</summary>
    public static string Generate() => System.Buffers.Text.Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16));

    /// <summary>SHA-256 of the key's UTF-8 bytes (32 bytes).</summary>
    public static byte[] Hash(string leaderKey) => SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(leaderKey));

    /// <summary>Constant-time comparison of a presented key against a stored hash.</summary>
    public static bool Matches(string? presented, byte[] storedHash) =>
        presented is { Length: > 0 and <= 256 } && CryptographicOperations.FixedTimeEquals(Hash(presented), storedHash);
}
