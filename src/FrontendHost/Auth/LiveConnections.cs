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

/// <summary>Source-generated JSON metadata for <see cref="AccountEvent"/>s (cluster mode carries them over RabbitMQ).</summary>
[JsonSerializable(typeof(TokenRevoked))]
public sealed partial class AccountJsonContext : JsonSerializerContext;

/// <summary>The hub connections of this frontend by the token they were opened with (a hub filter, so every hub is
/// covered), and the subscriber that closes them when their token is logged out anywhere. Revocation is otherwise only
/// checked when a connection starts.</summary>
public sealed class LiveConnections(ITopicBus bus) : IHubFilter, IHostedService, IAsyncDisposable
{
    /// <summary>The topic of <see cref="AccountEvent"/>s, subscribed by every frontend.</summary>
    public const string Topic = "accounts/revoked";

    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, HubCallerContext>> _byToken = new(StringComparer.Ordinal);
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
    public Task OnConnectedAsync(HubLifetimeContext context, Func<HubLifetimeContext, Task> next)
    {
        if (context.Context.User?.TokenId() is { } tokenId)
        {
            _byToken.GetOrAdd(tokenId, _ => new(StringComparer.Ordinal))[context.Context.ConnectionId] = context.Context;
        }
        return next(context);
    }

    /// <inheritdoc />
    public Task OnDisconnectedAsync(HubLifetimeContext context, Exception? exception, Func<HubLifetimeContext, Exception?, Task> next)
    {
        if (context.Context.User?.TokenId() is { } tokenId && _byToken.TryGetValue(tokenId, out var connections))
        {
            connections.TryRemove(context.Context.ConnectionId, out _);
            if (connections.IsEmpty)
            {
                _byToken.TryRemove(KeyValuePair.Create(tokenId, connections));
            }
        }
        return next(context, exception);
    }

    private ValueTask OnEventAsync(string topic, object message)
    {
        if (message is TokenRevoked revoked && _byToken.TryRemove(revoked.TokenId, out var connections))
        {
            foreach (var connection in connections.Values)
            {
                connection.Abort();
            }
        }
        return ValueTask.CompletedTask;
    }
}
