namespace OrleansRides.LoadGen.Scenarios;

/// <summary>What marks a delivery record on each wire (a SignalR target, a Socket.IO event; the ceiling forwards only
/// deliveries).</summary>
internal static class Markers
{
    public static ReadOnlyMemory<byte> Position(Wire wire) => wire switch
    {
        Wire.SignalR => Clients.SignalRClient.PositionTarget,
        Wire.SocketIo => Clients.SocketIoClient.PositionEvent,
        _ => ReadOnlyMemory<byte>.Empty,
    };

    public static ReadOnlyMemory<byte> Message(Wire wire) => wire switch
    {
        Wire.SignalR => Clients.SignalRClient.MessageTarget,
        Wire.SocketIo => Clients.SocketIoClient.MessageEvent,
        _ => ReadOnlyMemory<byte>.Empty,
    };
}
