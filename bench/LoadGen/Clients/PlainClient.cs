using System.Text.Json;

namespace OrleansRides.LoadGen.Clients;

/// <summary>The ceiling baseline: plain text frames, <c>join ROOM</c> (answered <c>joined</c>) and <c>pub ROOM JSON</c>,
/// the JSON forwarded as is to every member (bench/baselines/ceiling.mjs).</summary>
internal sealed class PlainClient(UrlRotation urls) : ISystemClient
{
    public Task<RouteTicket?> PrepareRideAsync(int index) => Task.FromResult<RouteTicket?>(null);

    public async Task<Ride> StartRideAsync(int index, RouteTicket? route)
    {
        var id = $"ride:{index}";
        var leader = await OpenAsync(null, null).ConfigureAwait(false);
        var prefix = Utf8.Bytes($"pub {id} ");
        return new Ride(id, leader, position => leader.Post([.. prefix, .. Utf8.Bytes(position.Json())]));
    }

    public Task<Connection> ConnectFollowerAsync(Ride ride, Receiver receiver) => OpenAsync(ride.Id, receiver);

    public Task<Connection> ConnectListenerAsync(string room, Receiver receiver) => OpenAsync($"room:{room}", receiver);

    public async Task<ChatSender> ConnectSenderAsync(string room, int senderNumber)
    {
        var socket = await OpenAsync(null, null).ConfigureAwait(false);
        var prefix = $"pub room:{room} {{\"room\":{JsonSerializer.Serialize(room)},\"text\":\"";
        return new ChatSender(socket, text => socket.Post(Utf8.Bytes($"{prefix}{text}\"}}")));
    }

    private async Task<Connection> OpenAsync(string? room, Receiver? receiver)
    {
        var connection = await Connection.OpenAsync(Wire.Plain, UrlRotation.WebSocket(urls.Next(), "/"), receiver).ConfigureAwait(false);
        if (room is not null)
        {
            await connection.SendAsync(Utf8.Bytes($"join {room}")).ConfigureAwait(false);
            await connection.WaitControl("joined").ConfigureAwait(false);
        }
        return connection;
    }
}
