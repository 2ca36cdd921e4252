using OrleansRides.GrainInterfaces.Chat;
using OrleansRides.Runtime;

namespace OrleansRides.GrainInterfaces.Sessions;

/// <summary>One anonymous session's live state (key: the session's uuid, <see cref="SessionKeys.GrainKey"/>): the rides it
/// is interested in, the hub connections it has open on any frontend, and its per-session limits. The authoritative
/// interest rows stay in PostgreSQL (<c>ride_interest</c>): the grain loads them on activation and is told of each change
/// after it is written, so a lost notification heals on the next activation. Connections and the chat budget live in
/// memory only, like a room's presence: after a silo failure they restart from the connections that come back.</summary>
public interface ISessionGrain : IGrainWithStringKey
{
    /// <summary>The rides this session is interested in (any order).</summary>
    Task<IReadOnlyList<Guid>> GetInterests();

    /// <summary>Records that the session's interest in <paramref name="rideId"/> was written (<paramref name="interested"/>
    /// true) or deleted (false) in PostgreSQL. Idempotent.</summary>
    Task InterestChanged(Guid rideId, bool interested);

    /// <summary>Registers a live hub connection of this session; returns how many it has now. Registering the same
    /// connection twice counts it once. While it has any, the grain is not collected as idle.</summary>
    Task<int> Connect(string connectionId);

    /// <summary>Forgets a connection (unknown ones are ignored); returns how many remain.</summary>
    Task<int> Disconnect(string connectionId);

    /// <summary>Live connections now.</summary>
    Task<int> GetConnectionCount();

    /// <summary>Takes one live-chat message from the session's budget of <see cref="ChatRules.MessagesPerMinute"/> per
    /// sliding minute, shared by every room the session talks in. Returns the messages left in the window.</summary>
    /// <exception cref="ChatException"><c>RATE_LIMITED</c> when the budget is spent; the message says when the next one
    /// is allowed.</exception>
    Task<int> TakeChatMessage();
}
