using OrleansRides.GrainInterfaces.Chat;
using OrleansRides.GrainInterfaces.Sessions;
using OrleansRides.Runtime;

namespace OrleansRides.Grains.Sessions;

/// <summary>An anonymous session's live state; see <see cref="ISessionGrain"/>. Nothing here needs
/// <c>IPersistentState</c>: interests are rebuilt from <c>ride_interest</c> on activation, and connections and the chat
/// budget are worth nothing after the connections that made them are gone (decision 75).</summary>
public sealed class SessionGrain(ISessionStore store) : Grain, ISessionGrain
{
    /// <summary>Most interests held in memory; far above what a rider marks (rides are at most a year ahead).</summary>
    public const int MaxInterests = 1000;

    private static readonly TimeSpan ChatWindow = TimeSpan.FromMinutes(1);

    private readonly HashSet<Guid> _interests = [];
    private readonly HashSet<string> _connections = new(StringComparer.Ordinal);
    private readonly Queue<DateTimeOffset> _chatSends = new();

    /// <inheritdoc />
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (Guid.TryParse(GrainKey, out var sessionId))
        {
            _interests.UnionWith(await store.LoadInterestsAsync(sessionId, MaxInterests, cancellationToken));
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<Guid>> GetInterests() => Task.FromResult<IReadOnlyList<Guid>>([.. _interests]);

    /// <inheritdoc />
    public Task InterestChanged(Guid rideId, bool interested)
    {
        if (interested)
        {
            if (_interests.Count < MaxInterests)
            {
                _interests.Add(rideId);
            }
        }
        else
        {
            _interests.Remove(rideId);
        }
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<int> Connect(string connectionId)
    {
        if (_connections.Add(connectionId) && _connections.Count == 1)
        {
            // Connections live only here: a connected session must not be collected however quiet it is.
            DelayDeactivation(TimeSpan.MaxValue);
        }
        return Task.FromResult(_connections.Count);
    }

    /// <inheritdoc />
    public Task<int> Disconnect(string connectionId)
    {
        if (_connections.Remove(connectionId) && _connections.Count == 0)
        {
            DelayDeactivation(TimeSpan.FromSeconds(-1));
        }
        return Task.FromResult(_connections.Count);
    }

    /// <inheritdoc />
    public Task<int> GetConnectionCount() => Task.FromResult(_connections.Count);

    /// <inheritdoc />
    public Task<int> TakeChatMessage()
    {
        var now = TimeProvider.GetUtcNow();
        while (_chatSends.Count > 0 && _chatSends.Peek() + ChatWindow <= now)
        {
            _chatSends.Dequeue();
        }
        if (_chatSends.Count >= ChatRules.MessagesPerMinute)
        {
            var wait = _chatSends.Peek() + ChatWindow - now;
            throw new ChatException(ChatErrorCodes.RateLimited,
                $"At most {ChatRules.MessagesPerMinute} messages per minute across all rooms; try again in {Math.Ceiling(wait.TotalSeconds)} s.");
        }
        _chatSends.Enqueue(now);
        return Task.FromResult(ChatRules.MessagesPerMinute - _chatSends.Count);
    }
}
