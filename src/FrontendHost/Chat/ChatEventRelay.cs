using Microsoft.AspNetCore.SignalR;
using OrleansRides.FrontendHost.Infrastructure;
using OrleansRides.GrainInterfaces.Chat;
using OrleansRides.GrainInterfaces.Studio;
using OrleansRides.Runtime.Topics;

namespace OrleansRides.FrontendHost.Chat;

/// <summary>This frontend's side of chat pushes: room topics (<c>room/{room}</c>) go to the room's connections, session
/// topics (<c>session/{id}</c>, song-request decisions) to the connections of that member or anonymous session. Messages
/// leave with opaque sender ids (<see cref="SenderIds"/>), computed once per message here, not once per recipient.</summary>
public sealed class ChatEventRelay(ITopicBus bus, IHubContext<ChatHub, IChatClient> hub, SenderIds senderIds)
    : HubTopicRelay<ChatHub, IChatClient>(bus, hub)
{
    /// <inheritdoc />
    protected override async ValueTask DeliverAsync(string topic, object message)
    {
        var group = Hub.Clients.Group(topic);
        await (message switch
        {
            NewMessage e => group.NewMessage(senderIds.Public(e.Message)),
            UserJoined e => group.UserJoined(e),
            UserLeft e => group.UserLeft(e),
            PresenceCount e => group.PresenceCount(e),
            MessageModerated e => group.MessageModerated(e),
            RequestApproved e => group.RequestApproved(e.Request),
            RequestRejected e => group.RequestRejected(e.Request),
            _ => Task.CompletedTask,
        });
    }
}
