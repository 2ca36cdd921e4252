using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansRides.GrainInterfaces.Chat;
using OrleansRides.Runtime;
using OrleansRides.Runtime.Storage;
using OrleansRides.Runtime.Topics;

namespace OrleansRides.Grains.Chat;

/// <summary>One chat room (key: <c>lounge/{id}</c> or <c>radio/{name}</c>); see <see cref="IChatRoomGrain"/> for the rules.
/// Presence lives only in memory, so the room is not collected as idle while anyone is in it; after a silo failure it
/// counts the connections that join again.</summary>
/// <remarks>Acknowledged means saved: a send is checked and numbered in its turn, then handed to
/// <see cref="CommittedMessages"/>, which writes it (batched with the sends arriving meanwhile) before it is published,
/// added to history and returned. The turn is released while the write runs (<see cref="Grain.ReleaseTurn"/>), so the
/// room keeps accepting sends.</remarks>
public sealed class ChatRoomGrain(
    IChatStore store, ITopicPublisher publisher, IOptions<ChatOptions> options, PersistenceMetrics persistenceMetrics, ILogger<ChatRoomGrain> logger)
    : Grain, IChatRoomGrain
{
    private readonly ChatOptions _options = options.Value;
    private readonly Dictionary<string, ChatMember> _present = new(StringComparer.Ordinal);
    private readonly SenderLimits _senderLimits = new();
    private ChatRoomRecord? _room;
    private CommittedMessages? _messages;
    private BannedTerms _bannedTerms = new([]);
    // Lounges only: who may join and send, and until when each is muted. PostgreSQL is the truth; the lounge platform
    // writes there first and then calls MemberChanged, and an activation reads it all again.
    private readonly Dictionary<string, DateTimeOffset?> _mutedUntilByMember = new(StringComparer.Ordinal);
    private long _nextSeq;
    private bool _presenceChanged;

    private string Topic => ChatTopics.Room(GrainKey);

    private bool IsLounge => ChatRules.IsLounge(GrainKey);

    /// <inheritdoc />
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _room = await store.FindRoomAsync(GrainKey, cancellationToken);
        if (_room is null or { IsDeleted: true })
        {
            _room = null;
            DeactivateOnIdle();
            return;
        }
        if (IsLounge)
        {
            foreach (var member in await store.LoadMembersAsync(GrainKey, cancellationToken))
            {
                _mutedUntilByMember[member.UserId] = member.MutedUntil;
            }
        }
        _bannedTerms = new BannedTerms(_room.BannedTerms);
        _messages = new CommittedMessages(GrainKey, store, publisher, persistenceMetrics, logger,
            await store.LoadRecentAsync(GrainKey, ChatRules.HistoryOnJoin, cancellationToken), DeactivateOnIdle);
        _nextSeq = await store.MaxSeqAsync(GrainKey, cancellationToken) + 1;
        RegisterGrainTimer(_ => PublishPresenceCountAsync(), _options.PresenceInterval, _options.PresenceInterval);
    }

    /// <inheritdoc />
    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        // Nothing is unsaved but what is being written now; its senders wait for that write, so let it finish.
        await WaitForWritesAsync();
    }

    /// <inheritdoc />
    public async Task<RoomSnapshot> Join(ChatMember member)
    {
        var room = RequireRoom();
        RequireMember(member.SenderId);
        if (_present.TryAdd(member.ConnectionId, member))
        {
            // Presence lives only here: a room with people in it must not be collected as idle however quiet it is.
            DelayDeactivation(TimeSpan.MaxValue);
            await AnnouncePresenceAsync(new UserJoined(GrainKey, member.DisplayName, _present.Count));
        }
        return new RoomSnapshot(GrainKey, _messages!.Recent(), _present.Count, room.SlowModeSeconds);
    }

    /// <inheritdoc />
    public async Task Leave(string connectionId)
    {
        if (_room is not null && _present.Remove(connectionId, out var member))
        {
            if (_present.Count == 0)
            {
                DelayDeactivation(TimeSpan.FromSeconds(-1));
            }
            await AnnouncePresenceAsync(new UserLeft(GrainKey, member.DisplayName, _present.Count));
        }
    }

    /// <inheritdoc />
    public async Task<ChatMessage> Send(ChatMember sender, ChatMessageInput input)
    {
        var room = RequireRoom();
        var clientKey = RecentClientMessageIds.KeyFor(sender.SenderId, input.ClientMessageId);
        if (_messages!.Earlier(clientKey) is { } earlier)
        {
            // A retry of a send that was saved (or is being saved): the same message, never a second copy.
            ReleaseTurn();
            return await earlier;
        }
        RequireMember(sender.SenderId);
        var now = TimeProvider.GetUtcNow();
        if (IsLounge && _mutedUntilByMember[sender.SenderId] is { } mutedUntil && mutedUntil > now)
        {
            throw new ChatException(ChatErrorCodes.Muted, $"A moderator muted you in this lounge until {mutedUntil:yyyy-MM-ddTHH:mm:ssZ}.");
        }
        var text = MessageText.Clean(input.Text);
        if (_bannedTerms.AreIn(text))
        {
            throw new ChatException(ChatErrorCodes.BannedTerm, "The message contains a term this room does not allow.");
        }
        // A listener session's budget is shared by all rooms, so its session grain counts it (decision 75), not the room.
        _senderLimits.Admit(sender, room.SlowModeSeconds, now);

        return await CommitAsync(new ChatMessage(Guid.CreateVersion7(now), GrainKey, _nextSeq++, sender.SenderId, sender.DisplayName, text, now),
            clientKey);
    }

    /// <inheritdoc />
    public async Task Moderate(ModerationRequest request)
    {
        RequireRoom();
        // The message may still be being written; the log row needs it in the table.
        await WaitForWritesAsync();
        if (!await store.ModerateAsync(GrainKey, request, TimeProvider.GetUtcNow(), CancellationToken.None))
        {
            throw new ChatException(ChatErrorCodes.MessageNotFound, "No such message in this room.");
        }
        if (request.Action is ModerationAction.Hide or ModerationAction.Delete)
        {
            // Reload so that the history served on join stays the last 50 visible messages.
            var visible = await store.LoadRecentAsync(GrainKey, ChatRules.HistoryOnJoin, CancellationToken.None);
            _messages!.ReplaceRecent(visible);
        }
        await publisher.PublishAsync(Topic, new MessageModerated(GrainKey, request.MessageId, request.Action));
    }

    /// <inheritdoc />
    public async Task<RoomSettings> UpdateSettings(RoomSettings settings)
    {
        var room = RequireRoom();
        if (settings.SlowModeSeconds is < 0 or > ChatRules.MaxSlowModeSeconds)
        {
            throw new ChatException(ChatErrorCodes.InvalidRequest, $"slowModeSeconds must be 0 to {ChatRules.MaxSlowModeSeconds}.");
        }
        var terms = settings.BannedTerms.Select(t => t.Trim()).Where(t => t.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).ToArray();
        var saved = new RoomSettings(settings.SlowModeSeconds, terms);
        await store.SaveSettingsAsync(GrainKey, saved, CancellationToken.None);
        _room = room with { SlowModeSeconds = saved.SlowModeSeconds, BannedTerms = terms };
        _bannedTerms = new BannedTerms(terms);
        return saved;
    }

    /// <inheritdoc />
    public Task<RoomSettings> GetSettings()
    {
        var room = RequireRoom();
        return Task.FromResult(new RoomSettings(room.SlowModeSeconds, room.BannedTerms));
    }

    /// <inheritdoc />
    public Task<int> GetPresenceCount()
    {
        RequireRoom();
        return Task.FromResult(_present.Count);
    }

    /// <inheritdoc />
    public async Task<ChatMessage> Announce(SystemAnnouncement announcement)
    {
        RequireRoom();
        var clientKey = RecentClientMessageIds.KeyForAnnouncement(announcement.AnnouncementId);
        if (_messages!.Earlier(clientKey) is { } earlier)
        {
            ReleaseTurn();
            return await earlier;
        }
        var text = MessageText.Clean(announcement.Text);
        var now = TimeProvider.GetUtcNow();
        return await CommitAsync(new ChatMessage(Guid.CreateVersion7(now), GrainKey, _nextSeq++, ChatRules.SystemSenderId,
            ChatRules.SystemSenderName, text, now, ChatMessageKind.System), clientKey);
    }

    /// <summary>Hands a numbered message to the writer and waits for it to be saved, published and in history.</summary>
    private async Task<ChatMessage> CommitAsync(ChatMessage message, string? clientKey)
    {
        var saved = _messages!.SaveAsync(message, clientKey);
        // From here on only the writer's work remains: let the room take its next send while this one is written.
        ReleaseTurn();
        return await saved;
    }

    /// <inheritdoc />
    public async Task MemberChanged(string userId, string reason)
    {
        if (_room is null || !IsLounge)
        {
            return;
        }
        var member = await store.FindMemberAsync(GrainKey, userId, CancellationToken.None);
        if (member is null)
        {
            if (!_mutedUntilByMember.Remove(userId))
            {
                return;
            }
            foreach (var connectionId in _present.Where(p => p.Value.SenderId == userId).Select(p => p.Key).ToList())
            {
                await Leave(connectionId);
            }
            await publisher.PublishAsync(Topic, new MemberRemoved(GrainKey, userId, reason));
            return;
        }
        var known = _mutedUntilByMember.TryGetValue(userId, out var mutedBefore);
        _mutedUntilByMember[userId] = member.MutedUntil;
        if (known && mutedBefore != member.MutedUntil)
        {
            await publisher.PublishAsync(ChatTopics.Session(userId), new MemberMuted(GrainKey, member.MutedUntil));
        }
    }

    /// <inheritdoc />
    public async Task RoomChanged()
    {
        var room = await store.FindRoomAsync(GrainKey, CancellationToken.None);
        if (room is { IsDeleted: false })
        {
            _room = room;
            return;
        }
        if (_room is not null)
        {
            _room = null;
            _present.Clear();
            await publisher.PublishAsync(Topic, new RoomClosed(GrainKey));
        }
        DeactivateOnIdle();
    }

    private void RequireMember(string senderId)
    {
        if (IsLounge && !_mutedUntilByMember.ContainsKey(senderId))
        {
            throw new ChatException(ChatErrorCodes.NotLoungeMember, "Only members of this lounge may join it or send to it.");
        }
    }

    private Task WaitForWritesAsync() => _messages?.DrainAsync() ?? Task.CompletedTask;

    private async Task AnnouncePresenceAsync(ChatEvent change)
    {
        if (_present.Count <= _options.PresenceDetailLimit)
        {
            await publisher.PublishAsync(Topic, change);
        }
        else
        {
            _presenceChanged = true;
        }
    }

    private async Task PublishPresenceCountAsync()
    {
        if (_presenceChanged)
        {
            _presenceChanged = false;
            await publisher.PublishAsync(Topic, new PresenceCount(GrainKey, _present.Count));
        }
        _senderLimits.ForgetQuiet(_room?.SlowModeSeconds ?? 0, TimeProvider.GetUtcNow());
    }

    private ChatRoomRecord RequireRoom() =>
        _room ?? throw new ChatException(ChatErrorCodes.RoomNotFound, $"There is no room '{GrainKey}'.");
}
