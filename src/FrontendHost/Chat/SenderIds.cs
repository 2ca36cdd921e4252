using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using OrleansRides.FrontendHost.Auth;
using OrleansRides.GrainInterfaces.Chat;

namespace OrleansRides.FrontendHost.Chat;

/// <summary>The <c>senderId</c> clients see: an opaque id per sender and room, never the user or session id itself (a
/// session id is what song-request decisions and session topics are addressed by). It is HMAC-SHA256 over
/// <c>room \n sender</c>, keyed by a key derived (HKDF-SHA256) from the token signing key, truncated to 128 bits and
/// base64url-encoded (22 characters): every frontend of a cluster, sharing the signing key, gives a sender the same id in a
/// room; the id differs between rooms, and it cannot be turned back into the sender without the key.</summary>
public sealed class SenderIds(AccessTokens tokens)
{
    private static readonly byte[] Purpose = "orleansrides chat sender id v1"u8.ToArray();

    private readonly byte[] _key = HKDF.DeriveKey(HashAlgorithmName.SHA256, tokens.SigningKey.Key, 32, salt: [], info: Purpose);

    /// <summary>The opaque id of <paramref name="senderId"/> in <paramref name="room"/>. Room names cannot contain a line
    /// break (<see cref="ChatRules.IsRoomName"/>), so the input is unambiguous.</summary>
    public string For(string room, string senderId)
    {
        Span<byte> mac = stackalloc byte[32];
        HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes($"{room}\n{senderId}"), mac);
        return Base64Url.EncodeToString(mac[..16]);
    }

    /// <summary>The message as clients may see it: its sender replaced by the opaque id.</summary>
    public ChatMessage Public(ChatMessage message) => message with { SenderId = For(message.Room, message.SenderId) };

    /// <summary><see cref="Public(ChatMessage)"/> for a list, order kept.</summary>
    public IReadOnlyList<ChatMessage> Public(IReadOnlyList<ChatMessage> messages) => [.. messages.Select(Public)];
}
