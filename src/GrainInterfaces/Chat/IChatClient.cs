using OrleansRides.GrainInterfaces.Studio;

namespace OrleansRides.GrainInterfaces.Chat;

/// <summary>The callbacks a <c>/hubs/chat</c> client receives (camelCase in JavaScript: <c>connection.on("newMessage", ...)</c>).</summary>
public interface IChatClient
{
    /// <summary>A message in a room the connection joined.</summary>
    Task NewMessage(ChatMessage message);

    /// <summary>Someone joined a small room.</summary>
    Task UserJoined(UserJoined joined);

    /// <summary>Someone left a small room.</summary>
    Task UserLeft(UserLeft left);

    /// <summary>The presence count of a large room.</summary>
    Task PresenceCount(PresenceCount count);

    /// <summary>A message was hidden, deleted or flagged.</summary>
    Task MessageModerated(MessageModerated moderated);

    /// <summary>To the requester's session: a DJ approved its song request.</summary>
    Task RequestApproved(SongRequest request);

    /// <summary>To the requester's session: a DJ rejected its song request.</summary>
    Task RequestRejected(SongRequest request);
}
