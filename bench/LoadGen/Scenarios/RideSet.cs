using OrleansRides.LoadGen.Clients;

namespace OrleansRides.LoadGen.Scenarios;

/// <summary>Rides with their leaders and followers, the leaders replaying the track from staggered points (ride i starts
/// at point i × 97, as load.mjs).</summary>
internal sealed class RideSet
{
    private readonly IReadOnlyList<(double Lat, double Lng)> _track;
    private readonly int[] _nextPoint;

    private RideSet(IReadOnlyList<(double Lat, double Lng)> track, List<Ride> rides)
    {
        _track = track;
        Rides = rides;
        _nextPoint = [.. Enumerable.Range(0, rides.Count).Select(i => i * 97 % track.Count)];
    }

    /// <summary>The started rides.</summary>
    public List<Ride> Rides { get; }

    /// <summary>The followers' connections.</summary>
    public List<Connection> Followers { get; } = [];

    /// <summary>Prepares <paramref name="count"/> rides (ours: their routes, over REST), 20 at a time.</summary>
    public static Task<List<RouteTicket?>> PrepareAsync(ScenarioContext context, int count) =>
        Batches.OpenAsync(count, 20, context.Client.PrepareRideAsync);

    /// <summary>Starts the prepared rides (connects and joins their leaders), 20 at a time.</summary>
    public static async Task<RideSet> StartAsync(ScenarioContext context, IReadOnlyList<RouteTicket?> prepared) =>
        new(context.Track, await Batches.OpenAsync(prepared.Count, 20, i => context.Client.StartRideAsync(i, prepared[i])).ConfigureAwait(false));

    /// <summary>Connects <paramref name="count"/> followers spread over the rides in turn (follower k joins ride k mod
    /// rides), <paramref name="batch"/> at a time; each counts positions.</summary>
    public async Task ConnectFollowersAsync(ScenarioContext context, int count, int batch, ReadOnlyMemory<byte> deliveryMarker)
    {
        Followers.AddRange(await Batches.OpenAsync(count, batch, k => context.Client.ConnectFollowerAsync(Rides[k % Rides.Count],
            new Receiver(DeliveryKind.Positions, deliveryMarker, context.Counter))).ConfigureAwait(false));
    }

    /// <summary>Sends ride <paramref name="ride"/>'s next track point, stamped now.</summary>
    public void SendNext(int ride)
    {
        var point = _track[_nextPoint[ride]];
        _nextPoint[ride] = (_nextPoint[ride] + 1) % _track.Count;
        Rides[ride].Send(new Position(point.Lat, point.Lng, Clock.Now));
    }

    /// <summary>Closes every follower and leader.</summary>
    public Task CloseAsync() => Batches.CloseAsync([.. Followers, .. Rides.Select(r => r.Leader)]);
}
