using Dapper;
using Npgsql;
using OrleansRides.GrainInterfaces.Studio;
using OrleansRides.Runtime.Storage;

namespace OrleansRides.Site.StaffQueues;

/// <summary>Reads the listener services' queues for station staff: <c>prayer_requests</c> and <c>song_requests</c>
/// (<c>sql/005_chat.sql</c>), newest first. Writes stay where they are (the services endpoints and the studio grain).</summary>
public sealed class StaffQueueRepository(NpgsqlDataSource dataSource)
{
    /// <summary>Page <paramref name="query"/> of the prayer requests, newest first.</summary>
    public Task<PagedList<PrayerRequestEntry>> ListPrayerRequestsAsync(PageQuery query, CancellationToken cancellationToken) =>
        PagedSql.QueryAsync<PrayerRow, PrayerRequestEntry>(dataSource,
            "SELECT count(*) FROM prayer_requests",
            """
            SELECT id AS Id, name AS Name, request AS Request, contact AS Contact, requested_at AS RequestedAt
            FROM prayer_requests ORDER BY requested_at DESC, id DESC LIMIT @limit OFFSET @offset
            """,
            query, new DynamicParameters(), r => new PrayerRequestEntry(r.Id, r.Name, r.Request, r.Contact, PostgresTime.Utc(r.RequestedAt)),
            cancellationToken);

    /// <summary>Page <paramref name="query"/> of the song requests, newest first; only those of <paramref name="status"/>
    /// when given.</summary>
    public Task<PagedList<SongRequestEntry>> ListSongRequestsAsync(SongRequestStatus? status, PageQuery query, CancellationToken cancellationToken) =>
        PagedSql.QueryAsync<SongRow, SongRequestEntry>(dataSource,
            "SELECT count(*) FROM song_requests WHERE @status::text IS NULL OR status = @status",
            """
            SELECT id AS Id, title AS Title, artist AS Artist, requester_name AS RequesterName, message AS Message, status AS Status,
                   reason AS Reason, requested_at AS RequestedAt, decided_at AS DecidedAt
            FROM song_requests WHERE @status::text IS NULL OR status = @status
            ORDER BY requested_at DESC, id DESC LIMIT @limit OFFSET @offset
            """,
            query, new DynamicParameters(new { status = status?.ToString().ToLowerInvariant() }), r => r.ToEntry(), cancellationToken);

    private sealed record PrayerRow(Guid Id, string? Name, string Request, string? Contact, DateTime RequestedAt);

    private sealed record SongRow(
        Guid Id, string Title, string? Artist, string RequesterName, string? Message, string Status, string? Reason,
        DateTime RequestedAt, DateTime? DecidedAt)
    {
        public SongRequestEntry ToEntry() => new(Id, Title, Artist, RequesterName, Message, Enum.Parse<SongRequestStatus>(Status, ignoreCase: true),
            Reason, PostgresTime.Utc(RequestedAt), DecidedAt is { } at ? PostgresTime.Utc(at) : null);
    }
}
