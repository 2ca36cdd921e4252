using Microsoft.Extensions.Logging;
using OrleansRides.GrainInterfaces.Chat;
using OrleansRides.Runtime;
using OrleansRides.Runtime.Persistence;
using OrleansRides.Runtime.Storage;
using OrleansRides.Runtime.Topics;

namespace OrleansRides.Grains.Chat;

/// <summary>A room's saved messages: writes accepted sends through a <see cref="GroupCommit{T}"/> (the sends that arrive
/// while an INSERT is in flight go together in the next one), and only then publishes them, in <c>seq</c> order, and keeps
/// the last <see cref="ChatRules.HistoryOnJoin"/> for joiners; it also recognises retried sends by their client key
/// (<see cref="RecentClientMessageIds"/>).
/// Thread-safe: the room calls it in its turns, its writer calls back outside them (see <c>Grain.ReleaseTurn</c>).</summary>
internal sealed class CommittedMessages
{
    // The unique index on (room, seq): a violation means another activation numbered the same message.
    private const string SeqIndex = "chat_messages_room_seq_idx";

    private readonly string _room;
    private readonly ITopicPublisher _publisher;
    private readonly ILogger _logger;
    private readonly PersistenceMetrics _metrics;
    private readonly GroupCommit<ChatMessage> _writer;
    private readonly Lock _lock = new();
    private readonly List<ChatMessage> _history = [];
    private readonly RecentClientMessageIds _clientKeys = new();
    private readonly Action _onSeqTaken;

    /// <param name="room">The room's key.</param>
    /// <param name="store">Where messages are written.</param>
    /// <param name="publisher">Where saved messages are published.</param>
    /// <param name="metrics">Counts messages PostgreSQL refused.</param>
    /// <param name="logger">For messages PostgreSQL refused.</param>
    /// <param name="recent">The saved messages served to joiners at first, oldest first.</param>
    /// <param name="onSeqTaken">Told (from outside the room's turns) when a message's seq is already stored: another
    /// activation is numbering this room too, so this one must give way.</param>
    public CommittedMessages(string room, IChatStore store, ITopicPublisher publisher, PersistenceMetrics metrics, ILogger logger, IEnumerable<ChatMessage> recent,
        Action onSeqTaken)
    {
        (_room, _publisher, _metrics, _logger, _onSeqTaken) = (room, publisher, metrics, logger, onSeqTaken);
        _history.AddRange(recent);
        _writer = new GroupCommit<ChatMessage>(
            batch => store.AppendAsync(batch, CancellationToken.None), PublishAsync, PostgresErrors.IsDataError, OnRejected);
    }

    /// <summary>The last saved visible messages, oldest first.</summary>
    public ChatMessage[] Recent()
    {
        lock (_lock)
        {
            return [.. _history];
        }
    }

    /// <summary>Replaces the recent messages (after moderation hid or deleted one).</summary>
    public void ReplaceRecent(IReadOnlyList<ChatMessage> visible)
    {
        lock (_lock)
        {
            _history.Clear();
            _history.AddRange(visible);
        }
    }

    /// <summary>The outcome of an earlier send with this client key, saved or being saved; null if there was none (or it
    /// failed, so that a retry is judged afresh).</summary>
    public Task<ChatMessage>? Earlier(string? clientKey)
    {
        lock (_lock)
        {
            return _clientKeys.Earlier(clientKey);
        }
    }

    /// <summary>Queues an accepted message for the next INSERT.</summary>
    /// <returns>Completes with the message once it is stored and published; faults if it could not be stored.</returns>
    public async Task<ChatMessage> SaveAsync(ChatMessage message, string? clientKey)
    {
        var saved = WriteAsync(message);
        Remember(clientKey, saved);
        try
        {
            return await saved;
        }
        catch (Exception ex)
        {
            Forget(clientKey, saved);
            if (PostgresErrors.IsUniqueViolation(ex, SeqIndex))
            {
                _onSeqTaken();
                throw new GrainException(GrainErrorCodes.NotOwner, "The room moved to another activation while the message was saved; retry.");
            }
            throw;
        }
    }

    /// <summary>Completes when every message queued so far is stored or has failed.</summary>
    public Task DrainAsync() => _writer.DrainAsync();

    private async Task<ChatMessage> WriteAsync(ChatMessage message)
    {
        await _writer.AddAsync(message);
        return message;
    }

    // Runs in the writer after each stored batch, batch after batch: listeners see only saved messages, in order.
    private async Task PublishAsync(IReadOnlyList<ChatMessage> batch)
    {
        lock (_lock)
        {
            _history.AddRange(batch);
            if (_history.Count > ChatRules.HistoryOnJoin)
            {
                _history.RemoveRange(0, _history.Count - ChatRules.HistoryOnJoin);
            }
        }
        foreach (var message in batch)
        {
            try
            {
                await _publisher.PublishAsync(ChatTopics.Room(_room), new NewMessage(message));
            }
            catch (Exception ex)
            {
                // Saved is saved: the message is in history and in the table; listeners that missed it see it on rejoin.
                _logger.LogWarning(ex, "Room {Room} saved message {Seq} but could not publish it", _room, message.Seq);
            }
        }
    }

    private void OnRejected(ChatMessage message, Exception error)
    {
        if (PostgresErrors.IsUniqueViolation(error, SeqIndex))
        {
            return;
        }
        _metrics.RowRejected("chat_messages");
        _logger.LogWarning("Room {Room} dropped message {Seq} from {Sender}: PostgreSQL refused its content ({Error})",
            _room, message.Seq, message.SenderId, error.Message);
    }

    private void Remember(string? clientKey, Task<ChatMessage> saved)
    {
        lock (_lock)
        {
            _clientKeys.Remember(clientKey, saved);
        }
    }

    private void Forget(string? clientKey, Task<ChatMessage> failed)
    {
        lock (_lock)
        {
            _clientKeys.Forget(clientKey, failed);
        }
    }
}
