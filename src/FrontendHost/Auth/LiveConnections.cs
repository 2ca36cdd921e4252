using System.Collections.Concurrent;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.SignalR;
using OrleansRides.Runtime.Topics;

namespace OrleansRides.FrontendHost.Auth;

/// <summary>An account event every frontend hears, on <see cref="LiveConnections.Topic"/>.</summary>
public abstract record AccountEvent;

/// <summary>A token was logged out: every frontend closes the hub connections opened with it.</summary>
/// <param name="TokenId">The token's <c>jti</c>.</param>
public sealed record TokenRevoked(string TokenId) : AccountEvent;

/// <summary>An account's role changed or it was deactivated: every frontend closes the hub connections its tokens older
/// than <paramref name="Version"/> opened.</summary>
/// <param name="UserId">The account id (the tokens' <c>sub</c>).</param>
/// <param name="Version">The account's token version now; tokens carrying a lower <c>ver</c> are revoked.</param>
public sealed record UserTokensRevoked(string UserId, int Version) : AccountEvent;

/// <summary>A sign-in session was ended (its device signed out, logged out, or its refresh token reused): every frontend
/// closes the hub connections opened with its tokens.</summary>
/// <param name="SessionId">The session id (the tokens' <c>sid</c>).</param>
public sealed record SessionRevoked(string SessionId) : AccountEvent;

/// <summary>Source-generated JSON metadata for <see cref="AccountEvent"/>s (cluster mode carries them over RabbitMQ).</summary>
[JsonSerializable(typeof(TokenRevoked))]
[JsonSerializable(typeof(UserTokensRevoked))]
[JsonSerializable(typeof(SessionRevoked))]
public sealed partial class AccountJsonContext : JsonSerializerContext;

/// <summary>The hub connections of this frontend by the token, the sign-in session and the account they were opened with (a hub filter, so every
/// hub is covered), and the subscriber that closes them when their token is logged out, their session ended, or their account's role changes or
/// it is deactivated, on any frontend. Token validity is otherwise only checked when a connection starts (and hubs mapped
/// with <see cref="SignedInHubs"/> also close at the token's expiry).</summary>
public sealed class LiveConnections(ITopicBus bus) : IHubFilter, IHostedService, IAsyncDisposable
{
    /// <summary>The topic of <see cref="AccountEvent"/>s, subscribed by every frontend.</summary>
    public const string Topic = "accounts/revoked";

    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, HubCallerContext>> _byToken = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, HubCallerContext>> _byUser = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, HubCallerContext>> _bySession = new(StringComparer.Ordinal);
    // Sessions ended lately, for the same race as _revokedBelow; entries older than a minute are dropped as new ones come
    // (the race lasts one token check, milliseconds), so the map stays small.
    private readonly ConcurrentDictionary<string, DateTime> _endedSessions = new(StringComparer.Ordinal);
    // The newest version each account was revoked down to here: a connection whose token passed its check just before a
    // revocation but registers just after the event is closed as it registers. One entry per changed account.
    private readonly ConcurrentDictionary<string, int> _revokedBelow = new(StringComparer.Ordinal);
    private ITopicSubscriber? _subscriber;

    /// <inheritdoc />
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        _subscriber = bus.CreateSubscriber(OnEventAsync);
        await _subscriber.SubscribeAsync(Topic);
    }

    /// <inheritdoc />
    public async Task StopAsync(CancellationToken cancellationToken) => await DisposeAsync();

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _subscriber, null) is { } subscriber)
        {
            await subscriber.DisposeAsync();
        }
    }

    /// <inheritdoc />
    public async Task OnConnectedAsync(HubLifetimeContext context, Func<HubLifetimeContext, Task> next)
    {
        var connection = context.Context;
        Add(_byToken, connection.User?.TokenId(), connection);
        Add(_byUser, connection.User?.UserId()?.ToString(), connection);
        Add(_bySession, connection.User?.SessionId()?.ToString(), connection);
        await next(context);
        if (IsRevoked(connection))
        {
            connection.Abort();
        }
    }

    /// <inheritdoc />
    public Task OnDisconnectedAsync(HubLifetimeContext context, Exception? exception, Func<HubLifetimeContext, Exception?, Task> next)
    {
        Remove(_byToken, context.Context.User?.TokenId(), context.Context.ConnectionId);
        Remove(_byUser, context.Context.User?.UserId()?.ToString(), context.Context.ConnectionId);
        Remove(_bySession, context.Context.User?.SessionId()?.ToString(), context.Context.ConnectionId);
        return next(context, exception);
    }

    private static void Add(ConcurrentDictionary<string, ConcurrentDictionary<string, HubCallerContext>> index, string? key, HubCallerContext connection)
    {
        if (key is not null)
        {
            index.GetOrAdd(key, _ => new(StringComparer.Ordinal))[connection.ConnectionId] = connection;
        }
    }

    private static void Remove(ConcurrentDictionary<string, ConcurrentDictionary<string, HubCallerContext>> index, string? key, string connectionId)
    {
        if (key is not null && index.TryGetValue(key, out var connections))
        {
            connections.TryRemove(connectionId, out _);
            if (connections.IsEmpty)
            {
                index.TryRemove(KeyValuePair.Create(key, connections));
            }
        }
    }

    private bool IsRevoked(HubCallerContext connection) =>
        (connection.User?.UserId()?.ToString() is { } userId && _revokedBelow.TryGetValue(userId, out var version)
            && connection.User.TokenVersion() < version)
        || (connection.User?.SessionId()?.ToString() is { } sessionId && _endedSessions.ContainsKey(sessionId));

    private ValueTask OnEventAsync(string topic, object message)
    {
        switch (message)
        {
            case TokenRevoked revoked when _byToken.TryRemove(revoked.TokenId, out var connections):
                foreach (var connection in connections.Values)
                {
                    connection.Abort();
                }
                break;
            case SessionRevoked ended:
                var now = DateTime.UtcNow;
                foreach (var (old, at) in _endedSessions)
                {
                    if (now - at > TimeSpan.FromMinutes(1))
                    {
                        _endedSessions.TryRemove(old, out _);
                    }
                }
                _endedSessions[ended.SessionId] = now;
                if (_bySession.TryRemove(ended.SessionId, out var ofSession))
                {
                    foreach (var connection in ofSession.Values)
                    {
                        connection.Abort();
                    }
                }
                break;
            case UserTokensRevoked revoked:
                _revokedBelow.AddOrUpdate(revoked.UserId, revoked.Version, (_, known) => Math.Max(known, revoked.Version));
                if (_byUser.TryGetValue(revoked.UserId, out var ofUser))
                {
                    foreach (var connection in ofUser.Values.Where(IsRevoked))
                    {
                        connection.Abort();
                    }
                }
                break;
        }
        return ValueTask.CompletedTask;
    }
}
