using Microsoft.AspNetCore.SignalR;
using OrleansRides.GrainInterfaces.Rides;
using OrleansRides.Runtime.Topics;

namespace OrleansRides.FrontendHost.Rides;

/// <summary>This frontend's side of ride pushes: it subscribes the topic of every ride that has at least one local
/// connection, and fans each event out to that ride's SignalR group (or its leader group). Grains publish once per event
/// and never learn which frontend holds whom.</summary>
public sealed class RideEventRelay(ITopicBus bus, IHubContext<RideHub, IRideClient> hub) : IHostedService, IAsyncDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Dictionary<string, int> _localMembers = [];
    private ITopicSubscriber? _subscriber;

    /// <summary>SignalR group of everyone in a ride.</summary>
    public static string RideGroup(string accessCode) => RideTopics.For(accessCode);

    /// <summary>SignalR group of a ride's leader connection(s).</summary>
    public static string LeaderGroup(string accessCode) => $"{RideTopics.For(accessCode)}/leader";

    /// <inheritdoc />
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _subscriber = bus.CreateSubscriber(DeliverAsync);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public async Task StopAsync(CancellationToken cancellationToken) => await DisposeAsync();

    /// <summary>Puts a connection in the ride's groups; subscribes the ride's topic for its first local member. Call before
    /// the grain call, so no event published after the snapshot is missed (clients drop duplicates by <c>seq</c>).</summary>
    public async Task AddMemberAsync(string accessCode, string connectionId, bool isLeader, bool alreadyMember)
    {
        await hub.Groups.AddToGroupAsync(connectionId, RideGroup(accessCode));
        if (isLeader)
        {
            await hub.Groups.AddToGroupAsync(connectionId, LeaderGroup(accessCode));
        }
        if (alreadyMember)
        {
            return;
        }
        await _gate.WaitAsync();
        try
        {
            var count = _localMembers.GetValueOrDefault(accessCode) + 1;
            _localMembers[accessCode] = count;
            if (count == 1)
            {
                await _subscriber!.SubscribeAsync(RideTopics.For(accessCode));
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Takes a connection out of the ride's groups; unsubscribes the topic when no local member is left.</summary>
    public async Task RemoveMemberAsync(string accessCode, string connectionId)
    {
        await hub.Groups.RemoveFromGroupAsync(connectionId, RideGroup(accessCode));
        await hub.Groups.RemoveFromGroupAsync(connectionId, LeaderGroup(accessCode));
        await _gate.WaitAsync();
        try
        {
            var count = _localMembers.GetValueOrDefault(accessCode) - 1;
            if (count > 0)
            {
                _localMembers[accessCode] = count;
                return;
            }
            _localMembers.Remove(accessCode);
            await _subscriber!.UnsubscribeAsync(RideTopics.For(accessCode));
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _subscriber, null) is { } subscriber)
        {
            await subscriber.DisposeAsync();
        }
    }

    private async ValueTask DeliverAsync(string topic, object message)
    {
        var accessCode = topic[(topic.IndexOf('/', StringComparison.Ordinal) + 1)..];
        var everyone = hub.Clients.Group(RideGroup(accessCode));
        var leader = hub.Clients.Group(LeaderGroup(accessCode));
        await (message switch
        {
            LocationUpdated e => everyone.LocationUpdated(e.Position),
            FollowerJoined e => leader.FollowerJoined(e),
            FollowerLeft e => leader.FollowerLeft(e),
            FollowersCount e => everyone.FollowersCount(e),
            RideStarted e => everyone.RideStarted(e.Snapshot),
            LeaderOffline e => everyone.LeaderOffline(e),
            LeaderOnline => everyone.LeaderOnline(),
            RideEnded e => everyone.RideEnded(e),
            _ => Task.CompletedTask,
        });
    }
}
