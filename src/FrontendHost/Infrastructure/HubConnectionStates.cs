using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;
using OrleansRides.Runtime;

namespace OrleansRides.FrontendHost.Infrastructure;

/// <summary>What our hubs keep for one connection while it is open (a hub instance lives for one call only).</summary>
/// <param name="invocationsPerSecond">The connection's flood limit, <c>Hubs:MaxInvocationsPerSecond</c>.</param>
public sealed class HubConnectionState(int invocationsPerSecond)
{
    private HashSet<string>? _joined;

    /// <summary>The connection's invocations (<see cref="HubErrorFilter"/>).</summary>
    public PerSecondLimit Invocations { get; } = new(invocationsPerSecond);

    /// <summary>What the connection joined on its hub, by name: ride access codes on <c>/hubs/ride</c>, rooms on
    /// <c>/hubs/chat</c>. SignalR runs one invocation of a connection at a time, so the set needs no lock.</summary>
    public HashSet<string> Joined => _joined ??= new HashSet<string>(StringComparer.Ordinal);
}

/// <summary>The <see cref="HubConnectionState"/> of every open hub connection of this process, by connection id: created by the
/// connection's first invocation, forgotten by <see cref="HubErrorFilter"/> once the hub's <c>OnDisconnectedAsync</c> has
/// run.</summary>
/// <remarks>One entry here (about 60 bytes) instead of <see cref="HubCallerContext.Items"/>, which SignalR creates on
/// first use as a <see cref="ConcurrentDictionary{TKey,TValue}"/> of its own per connection (about 550 bytes; decision 163).</remarks>
public sealed class HubConnectionStates(IOptions<HubsOptions> hubs)
{
    private readonly ConcurrentDictionary<string, HubConnectionState> _states = new(StringComparer.Ordinal);

    /// <summary>Hub invocations allowed per connection and second (<see cref="HubsOptions.MaxInvocationsPerSecond"/>).</summary>
    public int InvocationsPerSecond { get; } = hubs.Value.MaxInvocationsPerSecond;

    /// <summary>The state of <paramref name="connection"/>, created on first use.</summary>
    public HubConnectionState Of(HubCallerContext connection) =>
        _states.GetOrAdd(connection.ConnectionId, static (_, perSecond) => new HubConnectionState(perSecond), InvocationsPerSecond);

    /// <summary>Drops the state of a closed connection.</summary>
    public void Forget(HubCallerContext connection) => _states.TryRemove(connection.ConnectionId, out _);
}
