namespace OrleansRides.LoadGen.Clients;

/// <summary>One system's protocol, as bench/systems.mjs's client adapters: what a scenario needs to open rides, followers,
/// listeners and senders. Every method connects (10 s timeout) and completes its joins before returning; a refused join
/// throws <see cref="InvalidOperationException"/> with the server's error.</summary>
internal interface ISystemClient
{
    /// <summary>What must exist before a ride starts (our route, created over REST); null when nothing does.</summary>
    Task<RouteTicket?> PrepareRideAsync(int index);

    /// <summary>Connects the ride's leader and joins it.</summary>
    Task<Ride> StartRideAsync(int index, RouteTicket? route);

    /// <summary>Connects a follower of <paramref name="ride"/>; its deliveries go to <paramref name="receiver"/>.</summary>
    Task<Connection> ConnectFollowerAsync(Ride ride, Receiver receiver);

    /// <summary>Connects a listener of the chat room; its deliveries go to <paramref name="receiver"/>.</summary>
    Task<Connection> ConnectListenerAsync(string room, Receiver receiver);

    /// <summary>Connects a sender into the chat room.</summary>
    Task<ChatSender> ConnectSenderAsync(string room, int senderNumber);
}

/// <summary>A route's access code and leader key (ours); the other systems need none.</summary>
internal sealed record RouteTicket(string AccessCode, string LeaderKey);

/// <summary>A started ride: its id (access code or room name), its leader's connection, and how one position is sent.</summary>
internal sealed record Ride(string Id, Connection Leader, Action<Position> Send);

/// <summary>A chat sender: its connection, and how one probe text ("t tick sender seq") is sent.</summary>
internal sealed record ChatSender(Connection Connection, Action<string> Send);

/// <summary>A position as the protocols carry it: degrees, and the send tick that becomes its ISO timestamp.</summary>
internal readonly record struct Position(double Lat, double Lng, long SentTick)
{
    /// <summary>The position's JSON object: lat, lng, accuracy 5 m, timestamp (the send tick as ISO UTC, 100 ns digits).</summary>
    public string Json() => string.Create(System.Globalization.CultureInfo.InvariantCulture,
        $"{{\"lat\":{Lat},\"lng\":{Lng},\"accuracy\":5,\"timestamp\":\"{Clock.Iso(SentTick)}\"}}");
}
