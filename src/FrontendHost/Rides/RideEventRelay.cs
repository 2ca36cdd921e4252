using Microsoft.AspNetCore.SignalR;
using OrleansRides.FrontendHost.Infrastructure;
using OrleansRides.GrainInterfaces.Rides;
using OrleansRides.Runtime.Topics;

namespace OrleansRides.FrontendHost.Rides;

/// <summary>This frontend's side of ride pushes: it subscribes the topic of every ride that has at least one local
/// connection, and fans each event out to that ride's SignalR group (or its leader group).</summary>
public sealed class RideEventRelay(ITopicBus bus, IHubContext<RideHub, IRideClient> hub) : HubTopicRelay<RideHub, IRideClient>(bus, hub)
{
    /// <summary>SignalR group of everyone in a ride (named as the ride's topic).</summary>
    public static string RideGroup(string accessCode) => RideTopics.For(accessCode);

    /// <summary>SignalR group of a ride's leader connection(s).</summary>
    public static string LeaderGroup(string accessCode) => $"{RideTopics.For(accessCode)}/leader";

    /// <summary>Puts a connection in the ride's groups; subscribes the ride's topic for its first local member. Call before
    /// the grain call, so no event published after the snapshot is missed (clients drop duplicates by <c>seq</c>).</summary>
    public async Task AddMemberAsync(string accessCode, string connectionId, bool isLeader, bool alreadyMember)
    {
        if (isLeader)
        {
            await Hub.Groups.AddToGroupAsync(connectionId, LeaderGroup(accessCode));
        }
        if (alreadyMember)
        {
            await Hub.Groups.AddToGroupAsync(connectionId, RideGroup(accessCode));
            return;
        }
        await AddAsync(RideGroup(accessCode), connectionId);
    }

    /// <summary>Takes a connection out of the ride's groups; unsubscribes the topic when no local member is left.</summary>
    public async Task RemoveMemberAsync(string accessCode, string connectionId)
    {
        await Hub.Groups.RemoveFromGroupAsync(connectionId, LeaderGroup(accessCode));
        await RemoveAsync(RideGroup(accessCode), connectionId);
    }

    /// <inheritdoc />
    protected override async ValueTask DeliverAsync(string topic, object message)
    {
        var accessCode = topic[(topic.IndexOf('/', StringComparison.Ordinal) + 1)..];
        var everyone = Hub.Clients.Group(RideGroup(accessCode));
        var leader = Hub.Clients.Group(LeaderGroup(accessCode));
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
            RideCancelled e => everyone.RideCancelled(e),
            _ => Task.CompletedTask,
        });
    }
}
