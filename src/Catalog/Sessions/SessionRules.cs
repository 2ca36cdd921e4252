using System.Security.Cryptography;
using System.Text;

namespace OrleansRides.Catalog.Sessions;

/// <summary>The rules of anonymous sessions (issue 9; decision 76).</summary>
public static class SessionRules
{
    /// <summary>Sliding lifetime: a session expires this long after it was last used.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(30);

    /// <summary>A use moves the expiry on only if the last move is at least this old, so a busy session costs one write
    /// a minute, not one per request; its expiry is therefore up to a minute short of 30 days after its last use.</summary>
    public static readonly TimeSpan TouchInterval = TimeSpan.FromMinutes(1);

    /// <summary>Longest fingerprint, in UTF-16 code units.</summary>
    public const int MaxFingerprintLength = 200;

    /// <summary>The stored form of a fingerprint: SHA-256 of its UTF-8 bytes (32 bytes). A fingerprint is a client's hint
    /// to find its session again, not a secret: anyone who sends the same string gets the same session, so clients must
    /// not derive it from anything private, and the hash only keeps the raw value out of the database.</summary>
    public static byte[] FingerprintHash(string fingerprint) => SHA256.HashData(Encoding.UTF8.GetBytes(fingerprint));
}
