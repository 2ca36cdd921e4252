using OrleansRides.GrainInterfaces.Chat;

namespace OrleansRides.Grains.Chat;

/// <summary>A room's per-sender limits: slow mode (one message per the room's <see cref="RoomSettings.SlowModeSeconds"/>,
/// moderators exempt) and the rate window (<see cref="ChatRules.MessagesPerMinute"/> per sender in any
/// <see cref="Window"/>, except for senders a session budget already counts, decision 75). Memory only, keyed by
/// <see cref="ChatMember.SenderId"/> (ordinal); not thread-safe: the room calls it in its turns.</summary>
public sealed class SenderLimits
{
    /// <summary>How far back the rate count looks: one minute, the "per minute" of <see cref="ChatRules.MessagesPerMinute"/>.
    /// A send counts until exactly one window after it: a send at <c>t</c> no longer counts at <c>t + 60 s</c>.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    private readonly Dictionary<string, Queue<DateTimeOffset>> _recentSendsBySender = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DateTimeOffset> _lastSentBySender = new(StringComparer.Ordinal);

    /// <summary>Senders remembered now (for tests of <see cref="ForgetQuiet"/>).</summary>
    public int TrackedSenders => _lastSentBySender.Count;

    /// <summary>Admits one send at <paramref name="now"/> and records it, or refuses it. Slow mode is checked first; every
    /// admitted send counts for slow mode, a moderator's and a session-budgeted sender's too.</summary>
    /// <param name="sender">Who sends: <see cref="ChatMember.IsModerator"/> skips slow mode,
    /// <see cref="ChatMember.BudgetedBySession"/> skips the rate count.</param>
    /// <param name="slowModeSeconds">The room's slow mode, seconds (0: off), from its settings.</param>
    /// <param name="now">The send's time, UTC.</param>
    /// <exception cref="ChatException"><see cref="ChatErrorCodes.SlowMode"/> while fewer than
    /// <paramref name="slowModeSeconds"/> have passed since the sender's last send (allowed again at exactly that
    /// interval; the message gives the wait in whole seconds, rounded up); <see cref="ChatErrorCodes.RateLimited"/> when
    /// <see cref="ChatRules.MessagesPerMinute"/> of the sender's sends are inside the window. A refused send is not
    /// recorded.</exception>
    public void Admit(ChatMember sender, int slowModeSeconds, DateTimeOffset now)
    {
        var recentSends = sender.BudgetedBySession ? null : RecentSends(sender.SenderId, now);
        if (!sender.IsModerator && slowModeSeconds > 0 && _lastSentBySender.TryGetValue(sender.SenderId, out var lastSent)
            && lastSent.AddSeconds(slowModeSeconds) is var allowedAt && allowedAt > now)
        {
            throw new ChatException(ChatErrorCodes.SlowMode,
                $"Slow mode: one message per {slowModeSeconds} s; try again in {Math.Ceiling((allowedAt - now).TotalSeconds)} s.");
        }
        if (recentSends?.Count >= ChatRules.MessagesPerMinute)
        {
            throw new ChatException(ChatErrorCodes.RateLimited, $"At most {ChatRules.MessagesPerMinute} messages per minute.");
        }
        recentSends?.Enqueue(now);
        _lastSentBySender[sender.SenderId] = now;
    }

    /// <summary>Forgets senders whose last send is at least the longer of <see cref="Window"/> and
    /// <paramref name="slowModeSeconds"/> before <paramref name="now"/>: neither limit could refuse them any more, and a
    /// busy room's bookkeeping stays bounded.</summary>
    /// <param name="slowModeSeconds">The room's slow mode now, seconds (0: off).</param>
    /// <param name="now">UTC.</param>
    public void ForgetQuiet(int slowModeSeconds, DateTimeOffset now)
    {
        var lookBack = TimeSpan.FromSeconds(Math.Max(Window.TotalSeconds, slowModeSeconds));
        foreach (var sender in _lastSentBySender.Where(s => s.Value + lookBack <= now).Select(s => s.Key).ToList())
        {
            _lastSentBySender.Remove(sender);
            _recentSendsBySender.Remove(sender);
        }
    }

    private Queue<DateTimeOffset> RecentSends(string senderId, DateTimeOffset now)
    {
        if (!_recentSendsBySender.TryGetValue(senderId, out var sends))
        {
            sends = new Queue<DateTimeOffset>();
            _recentSendsBySender[senderId] = sends;
        }
        while (sends.Count > 0 && sends.Peek() + Window <= now)
        {
            sends.Dequeue();
        }
        return sends;
    }
}
