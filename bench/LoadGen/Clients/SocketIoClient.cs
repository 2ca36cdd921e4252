using System.Text.Json;

namespace OrleansRides.LoadGen.Clients;

/// <summary>The legacy baseline: Socket.IO v4 over Engine.IO v4 WebSocket, events <c>ride:join</c>, <c>location:update</c>,
/// <c>location:updated</c>, <c>join-room</c>, <c>send-message</c>, <c>new-message</c> (bench/baselines/legacy.mjs).</summary>
internal sealed class SocketIoClient(UrlRotation urls) : ISystemClient
{
    /// <summary>A ride delivery is this event.</summary>
    internal static readonly byte[] PositionEvent = "[\"location:updated\""u8.ToArray();

    /// <summary>A chat delivery is this event.</summary>
    internal static readonly byte[] MessageEvent = "[\"new-message\""u8.ToArray();

    // Random per run, so that two runs against one server never share a ride.
    private readonly string _run = Guid.NewGuid().ToString("N")[..6];

    public Task<RouteTicket?> PrepareRideAsync(int index) => Task.FromResult<RouteTicket?>(null);

    public async Task<Ride> StartRideAsync(int index, RouteTicket? route)
    {
        var id = $"bench-{index}-{_run}";
        var leader = await OpenAsync(null).ConfigureAwait(false);
        await JoinAsync(leader, "ride:join", JsonSerializer.Serialize(new { accessCode = id, role = "leader" })).ConfigureAwait(false);
        var prefix = Utf8.Bytes($"42[\"location:update\",{{\"accessCode\":{JsonSerializer.Serialize(id)},\"position\":");
        return new Ride(id, leader, position => leader.Post([.. prefix, .. Utf8.Bytes(position.Json()), (byte)'}', (byte)']']));
    }

    public async Task<Connection> ConnectFollowerAsync(Ride ride, Receiver receiver)
    {
        var follower = await OpenAsync(receiver).ConfigureAwait(false);
        await JoinAsync(follower, "ride:join", JsonSerializer.Serialize(new { accessCode = ride.Id, role = "follower" })).ConfigureAwait(false);
        return follower;
    }

    public async Task<Connection> ConnectListenerAsync(string room, Receiver receiver)
    {
        var listener = await OpenAsync(receiver).ConfigureAwait(false);
        await JoinAsync(listener, "join-room", JsonSerializer.Serialize(new { room })).ConfigureAwait(false);
        return listener;
    }

    public async Task<ChatSender> ConnectSenderAsync(string room, int senderNumber)
    {
        var socket = await OpenAsync(null).ConfigureAwait(false);
        await JoinAsync(socket, "join-room", JsonSerializer.Serialize(new { room })).ConfigureAwait(false);
        var roomJson = JsonSerializer.Serialize(room);
        return new ChatSender(socket, text => socket.Post(Utf8.Bytes($"42[\"send-message\",{{\"room\":{roomJson},\"text\":\"{text}\"}}]")));
    }

    private Task<Connection> OpenAsync(Receiver? receiver) =>
        Connection.OpenAsync(Wire.SocketIo, UrlRotation.WebSocket(urls.Next(), "/socket.io/?EIO=4&transport=websocket"), receiver);

    private static async Task JoinAsync(Connection connection, string eventName, string argumentJson)
    {
        var ack = await connection.EmitWithAckAsync(eventName, argumentJson).ConfigureAwait(false);
        if (ack.Contains("\"error\"", StringComparison.Ordinal))
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw new InvalidOperationException($"{eventName} refused: {ack}");
        }
    }
}
