using OrleansRides.GrainInterfaces.Chat;

namespace OrleansRides.Grains.Chat;

/// <summary>Recognises a retried send by its client key (<see cref="KeyFor"/>: sender and
/// <see cref="ChatMessageInput.ClientMessageId"/>, or <see cref="KeyForAnnouncement"/>) among the last
/// <see cref="Capacity"/> sends remembered, so a retry answers the first send's outcome instead of posting twice. There
/// is no time limit: a key is kept until <see cref="Capacity"/> newer sends push it out, until its send fails
/// (<see cref="Forget"/>), or until the room's activation ends (memory only). Not thread-safe:
/// <see cref="CommittedMessages"/> calls it under its lock.</summary>
public sealed class RecentClientMessageIds
{
    /// <summary>Longest client message id, characters (documented on <see cref="ChatMessageInput.ClientMessageId"/>).</summary>
    public const int MaxClientMessageIdLength = 64;

    /// <summary>Sends remembered per room activation, shared by all its senders: 1,000 (a fixed figure, no option). Each
    /// <see cref="Remember"/> takes a place in the order, a send forgotten since included, and the oldest place goes
    /// first.</summary>
    public const int Capacity = 1000;

    private readonly Dictionary<string, Task<ChatMessage>> _byClientKey = new(StringComparer.Ordinal);
    private readonly Queue<string> _clientKeyOrder = new();

    /// <summary>Keys whose outcome is remembered now.</summary>
    public int Count => _byClientKey.Count;

    /// <summary>The client key of a user's send: <c>{senderId}\n{clientMessageId}</c> (ordinal, so ids are per sender and
    /// case-sensitive); null when the client gave no id (or an empty one), so the send is never recognised as a retry.</summary>
    /// <exception cref="ChatException"><see cref="ChatErrorCodes.InvalidRequest"/> when the id is longer than
    /// <see cref="MaxClientMessageIdLength"/>.</exception>
    public static string? KeyFor(string senderId, string? clientMessageId)
    {
        if (string.IsNullOrEmpty(clientMessageId))
        {
            return null;
        }
        if (clientMessageId.Length > MaxClientMessageIdLength)
        {
            throw new ChatException(ChatErrorCodes.InvalidRequest, $"clientMessageId is longer than {MaxClientMessageIdLength} characters.");
        }
        return $"{senderId}\n{clientMessageId}";
    }

    /// <summary>The client key of a system announcement: <see cref="SystemAnnouncement.AnnouncementId"/> under
    /// <see cref="ChatRules.SystemSenderId"/>, any length.</summary>
    public static string KeyForAnnouncement(string announcementId) => $"{ChatRules.SystemSenderId}\n{announcementId}";

    /// <summary>The outcome of the remembered send with this key, saved or being saved (a retry awaits it and answers the
    /// same message, whatever text the retry carries); null if the key is null, was never remembered, was pushed out or
    /// was forgotten.</summary>
    public Task<ChatMessage>? Earlier(string? clientKey) =>
        clientKey is not null && _byClientKey.TryGetValue(clientKey, out var earlier) ? earlier : null;

    /// <summary>Remembers the outcome of an accepted send under its key (nothing for a null key), pushing out the oldest
    /// remembered key beyond <see cref="Capacity"/>.</summary>
    public void Remember(string? clientKey, Task<ChatMessage> outcome)
    {
        if (clientKey is null)
        {
            return;
        }
        _byClientKey[clientKey] = outcome;
        _clientKeyOrder.Enqueue(clientKey);
        if (_clientKeyOrder.Count > Capacity)
        {
            _byClientKey.Remove(_clientKeyOrder.Dequeue());
        }
    }

    /// <summary>Forgets a send that failed, so that a retry is judged afresh; nothing if the key now holds another
    /// outcome.</summary>
    public void Forget(string? clientKey, Task<ChatMessage> failed)
    {
        if (clientKey is not null && _byClientKey.TryGetValue(clientKey, out var remembered) && remembered == failed)
        {
            _byClientKey.Remove(clientKey);
        }
    }
}
