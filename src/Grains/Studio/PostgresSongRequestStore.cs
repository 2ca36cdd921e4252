using Dapper;
using OrleansRides.Runtime.Storage;
using Npgsql;
using OrleansRides.GrainInterfaces.Studio;

namespace OrleansRides.Grains.Studio;

/// <summary><see cref="ISongRequestStore"/> over <c>song_requests</c>.</summary>
public sealed class PostgresSongRequestStore(NpgsqlDataSource dataSource) : ISongRequestStore
{
    private const string Columns =
        "id AS Id, title AS Title, artist AS Artist, requester_name AS RequesterName, message AS Message, session_id AS SessionId, " +
        "status AS Status, reason AS Reason, requested_at AS RequestedAt, decided_at AS DecidedAt";

    /// <inheritdoc />
    public async Task InsertAsync(SongRequest request, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO song_requests (id, title, artist, requester_name, message, session_id, requested_at)
            VALUES (@Id, @Title, @Artist, @RequesterName, @Message, @SessionId, @RequestedAt)
            """,
            new { request.Id, request.Title, request.Artist, request.RequesterName, request.Message, request.SessionId,
                RequestedAt = request.RequestedAt.UtcDateTime },
            cancellationToken: cancellationToken));
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<SongRequest>> LoadPendingAsync(int limit, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(
            $"SELECT {Columns} FROM song_requests WHERE status = 'pending' ORDER BY requested_at LIMIT @limit",
            new { limit }, cancellationToken: cancellationToken));
        return rows.Select(r => r.ToRequest()).ToList();
    }

    /// <inheritdoc />
    public async Task<SongRequest?> DecideAsync(
        Guid id, SongRequestStatus status, string? reason, string djId, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(
            $"""
            UPDATE song_requests SET status = @status, reason = @reason, decided_by = @djId, decided_at = @at
            WHERE id = @id AND status = 'pending'
            RETURNING {Columns}
            """,
            new { id, status = status.ToString().ToLowerInvariant(), reason, djId, at = at.UtcDateTime },
            cancellationToken: cancellationToken));
        return row?.ToRequest();
    }

    private sealed record Row(
        Guid Id, string Title, string? Artist, string RequesterName, string? Message, string? SessionId,
        string Status, string? Reason, DateTime RequestedAt, DateTime? DecidedAt)
    {
        public SongRequest ToRequest() => new(Id, Title, Artist, RequesterName, Message, SessionId,
            Enum.Parse<SongRequestStatus>(Status, ignoreCase: true), Reason, PostgresTime.Utc(RequestedAt), DecidedAt is { } decided ? PostgresTime.Utc(decided) : null);
    }
}
