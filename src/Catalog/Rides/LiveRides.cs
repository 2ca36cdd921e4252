using OrleansRides.GrainInterfaces.Rides;
using OrleansRides.Runtime;

namespace OrleansRides.Catalog.Rides;

/// <summary>Turns ride rows into views, asking the ride grain of each <c>live</c> row only (one call per live ride, in
/// parallel; scheduled rows cost nothing) for its follower count.</summary>
public sealed class LiveRides(IGrainFactory grains)
{
    /// <summary>The views of <paramref name="rows"/>, in order. A live ride whose grain cannot be reached (or is no longer
    /// live) is shown without <c>live</c> rather than failing the list.</summary>
    public async Task<IReadOnlyList<RideView>> ViewsAsync(IReadOnlyList<RideRow> rows, IReadOnlySet<Guid>? created = null)
    {
        var live = await Task.WhenAll(rows.Select(row => row.Status == "live" ? LiveInfoAsync(row) : Task.FromResult<LiveRideInfo?>(null)));
        return [.. rows.Select((row, i) => row.ToView(live[i], created is null ? null : created.Contains(row.Id)))];
    }

    /// <summary>The view of one row.</summary>
    public async Task<RideView> ViewAsync(RideRow row) => (await ViewsAsync([row]))[0];

    private async Task<LiveRideInfo?> LiveInfoAsync(RideRow row)
    {
        try
        {
            var state = await grains.GetGrain<IRideGrain>(row.AccessCode).GetLiveState();
            return state.Status is RideStatus.Live or RideStatus.LeaderOffline && state.TrackId == row.TrackId
                ? new LiveRideInfo(row.AccessCode, state.FollowerCount)
                : null;
        }
        catch (GrainException)
        {
            return null;
        }
    }
}
