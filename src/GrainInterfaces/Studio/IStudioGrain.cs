using OrleansRides.Runtime;

namespace OrleansRides.GrainInterfaces.Studio;

/// <summary>The radio studio's song-request queue (key: <see cref="StudioTopics.Main"/>). Requests are saved before they
/// are announced; DJs on <c>/hubs/studio</c> see them within a second and decide them.</summary>
public interface IStudioGrain : IGrainWithStringKey
{
    /// <summary>Saves a validated request and publishes <see cref="NewSongRequest"/>.</summary>
    Task<SongRequest> Submit(SongRequest request);

    /// <summary>The requests no DJ has decided, oldest first (at most 500).</summary>
    Task<IReadOnlyList<SongRequest>> GetPending();

    /// <summary>Approves a pending request.</summary>
    /// <exception cref="StudioException"><c>REQUEST_NOT_FOUND</c> (unknown or already decided).</exception>
    Task<SongRequest> Approve(Guid requestId, string djId);

    /// <summary>Rejects a pending request.</summary>
    /// <exception cref="StudioException"><c>REQUEST_NOT_FOUND</c> (unknown or already decided).</exception>
    Task<SongRequest> Reject(Guid requestId, string? reason, string djId);
}

/// <summary>The callbacks a <c>/hubs/studio</c> client (a DJ) receives.</summary>
public interface IStudioClient
{
    /// <summary>A new request.</summary>
    Task NewSongRequest(SongRequest request);

    /// <summary>A DJ approved a request.</summary>
    Task RequestApproved(SongRequest request);

    /// <summary>A DJ rejected a request.</summary>
    Task RequestRejected(SongRequest request);
}
