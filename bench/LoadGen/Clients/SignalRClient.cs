using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace OrleansRides.LoadGen.Clients;

/// <summary>OrleansRides: the SignalR JSON protocol on /hubs/ride and /hubs/chat (chat connections carry a live-chat
/// session token from <c>POST /api/v1/livechat/session</c>).</summary>
internal sealed class SignalRClient(UrlRotation urls, HttpClient http) : ISystemClient
{
    /// <summary>A delivery is a server invocation of this target.</summary>
    internal static readonly byte[] PositionTarget = "\"target\":\"locationUpdated\""u8.ToArray();

    /// <summary>A chat delivery is a server invocation of this target.</summary>
    internal static readonly byte[] MessageTarget = "\"target\":\"newMessage\""u8.ToArray();

    public async Task<RouteTicket?> PrepareRideAsync(int index)
    {
        var response = await http.PostAsJsonAsync(new Uri(urls.First, "/api/v1/routes"), new
        {
            name = $"bench ride {index}", waypoints = new[] { new { lat = 43.6, lng = -116.2 } }, departureTime = "08:00",
            regionId = "0192f0a0-0000-7000-8000-000000000001",
        }).ConfigureAwait(false);
        var data = await DataOf(response, "POST /api/v1/routes").ConfigureAwait(false);
        return new RouteTicket(data["accessCode"]!.GetValue<string>(), data["leaderKey"]!.GetValue<string>());
    }

    public async Task<Ride> StartRideAsync(int index, RouteTicket? route)
    {
        ArgumentNullException.ThrowIfNull(route);
        var leader = await Connection.OpenAsync(Wire.SignalR, UrlRotation.WebSocket(urls.Next(), "/hubs/ride"), null).ConfigureAwait(false);
        await JoinAsync(leader, "JoinRide", Arguments(new { accessCode = route.AccessCode, role = "leader", leaderKey = route.LeaderKey })).ConfigureAwait(false);
        var codeJson = JsonSerializer.Serialize(route.AccessCode);
        return new Ride(route.AccessCode, leader, position => leader.Post(leader.Invocation("UpdateLocation", $"[{codeJson},{position.Json()}]")));
    }

    public async Task<Connection> ConnectFollowerAsync(Ride ride, Receiver receiver)
    {
        var follower = await Connection.OpenAsync(Wire.SignalR, UrlRotation.WebSocket(urls.Next(), "/hubs/ride"), receiver).ConfigureAwait(false);
        await JoinAsync(follower, "JoinRide", Arguments(new { accessCode = ride.Id, role = "follower" })).ConfigureAwait(false);
        return follower;
    }

    public async Task<Connection> ConnectListenerAsync(string room, Receiver receiver) =>
        await ChatAsync(room, "bench", receiver).ConfigureAwait(false);

    public async Task<ChatSender> ConnectSenderAsync(string room, int senderNumber)
    {
        var connection = await ChatAsync(room, $"bench sender {senderNumber}", null).ConfigureAwait(false);
        var roomJson = JsonSerializer.Serialize(room);
        return new ChatSender(connection, text => connection.Post(connection.Invocation("SendMessage", $"[{{\"room\":{roomJson},\"text\":\"{text}\"}}]")));
    }

    private async Task<Connection> ChatAsync(string room, string displayName, Receiver? receiver)
    {
        var baseUrl = urls.Next();
        var response = await http.PostAsJsonAsync(new Uri(baseUrl, "/api/v1/livechat/session"), new { displayName }).ConfigureAwait(false);
        var token = (await DataOf(response, "POST /api/v1/livechat/session").ConfigureAwait(false))["token"]!.GetValue<string>();
        var connection = await Connection.OpenAsync(Wire.SignalR,
            UrlRotation.WebSocket(baseUrl, $"/hubs/chat?access_token={Uri.EscapeDataString(token)}"), receiver).ConfigureAwait(false);
        await JoinAsync(connection, "JoinRoom", Arguments(new { room })).ConfigureAwait(false);
        return connection;
    }

    private static string Arguments(object argument) => $"[{JsonSerializer.Serialize(argument)}]";

    private static async Task JoinAsync(Connection connection, string target, string argumentsJson)
    {
        var error = await connection.InvokeAsync(target, argumentsJson).ConfigureAwait(false);
        if (error is not null)
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw new InvalidOperationException($"{target} {argumentsJson} refused: {error}");
        }
    }

    private static async Task<JsonNode> DataOf(HttpResponseMessage response, string what)
    {
        var text = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{what} failed: {(int)response.StatusCode} {text}");
        }
        return JsonNode.Parse(text)?["data"] ?? throw new InvalidOperationException($"{what}: no data in {text}");
    }
}
