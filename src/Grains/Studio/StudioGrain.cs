using OrleansRides.GrainInterfaces.Chat;
using OrleansRides.GrainInterfaces.Studio;
using OrleansRides.Runtime;
using OrleansRides.Runtime.Topics;

namespace OrleansRides.Grains.Studio;

/// <summary>The studio's song-request queue; see <see cref="IStudioGrain"/>. Every change is written to PostgreSQL before
/// it is announced, so the queue is rebuilt from the table on reactivation.</summary>
public sealed class StudioGrain(ISongRequestStore store, ITopicPublisher publisher) : Grain, IStudioGrain
{
    private const int MaxPending = 500;
    private readonly Dictionary<Guid, SongRequest> _pending = [];

    private string Topic => StudioTopics.For(GrainKey);

    /// <inheritdoc />
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        foreach (var request in await store.LoadPendingAsync(MaxPending, cancellationToken))
        {
            _pending[request.Id] = request;
        }
    }

    /// <inheritdoc />
    public async Task<SongRequest> Submit(SongRequest request)
    {
        var pending = request with { Status = SongRequestStatus.Pending, Reason = null, DecidedAt = null };
        await store.InsertAsync(pending, CancellationToken.None);
        _pending[pending.Id] = pending;
        await publisher.PublishAsync(Topic, new NewSongRequest(pending));
        return pending;
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<SongRequest>> GetPending() =>
        Task.FromResult<IReadOnlyList<SongRequest>>(_pending.Values.OrderBy(r => r.RequestedAt).Take(MaxPending).ToList());

    /// <inheritdoc />
    public async Task<SongRequest> Approve(Guid requestId, string djId)
    {
        var decided = await DecideAsync(requestId, SongRequestStatus.Approved, null, djId);
        await AnnounceAsync(decided, new RequestApproved(decided));
        return decided;
    }

    /// <inheritdoc />
    public async Task<SongRequest> Reject(Guid requestId, string? reason, string djId)
    {
        var decided = await DecideAsync(requestId, SongRequestStatus.Rejected, reason, djId);
        await AnnounceAsync(decided, new RequestRejected(decided));
        return decided;
    }

    private async Task<SongRequest> DecideAsync(Guid requestId, SongRequestStatus status, string? reason, string djId)
    {
        var decided = await store.DecideAsync(requestId, status, reason, djId, TimeProvider.GetUtcNow(), CancellationToken.None)
            ?? throw new StudioException(StudioErrorCodes.RequestNotFound, "No pending song request has this id.");
        _pending.Remove(decided.Id);
        return decided;
    }

    private async Task AnnounceAsync(SongRequest decided, StudioEvent decision)
    {
        await publisher.PublishAsync(Topic, decision);
        if (decided.SessionId is { } session)
        {
            await publisher.PublishAsync(ChatTopics.Session(session), decision);
        }
    }
}
