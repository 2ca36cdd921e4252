using Dapper;
using Npgsql;
using OrleansRides.Catalog;

namespace OrleansRides.Site.Announcements;

/// <summary>Announcements in the <c>announcements</c> table (<c>sql/013_site.sql</c>). Takes requests that passed
/// <see cref="AnnouncementValidator"/>; "now" is always the caller's (its <see cref="TimeProvider"/>), never the database's,
/// so tests set the time.</summary>
public sealed class AnnouncementRepository(NpgsqlDataSource dataSource)
{
    private const string Columns = "id AS Id, text AS Text, link AS Link, visible_from AS VisibleFrom, visible_until AS VisibleUntil";

    /// <summary>The announcements showing at <paramref name="now"/> (visibleFrom ≤ now &lt; visibleUntil), newest
    /// (latest visibleFrom) first, at most <paramref name="limit"/>.</summary>
    public async Task<IReadOnlyList<Announcement>> ListCurrentAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return (await connection.QueryAsync<Row>(new CommandDefinition(
            $"""
            SELECT {Columns} FROM announcements
            WHERE visible_from <= @now AND (visible_until IS NULL OR visible_until > @now)
            ORDER BY visible_from DESC, id DESC LIMIT @limit
            """, new { now, limit }, cancellationToken: cancellationToken))).Select(r => r.ToAnnouncement()).ToList();
    }

    /// <summary>Every announcement, past and future too, newest first (staff).</summary>
    public async Task<IReadOnlyList<Announcement>> ListAllAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return (await connection.QueryAsync<Row>(new CommandDefinition(
            $"SELECT {Columns} FROM announcements ORDER BY visible_from DESC, id DESC",
            cancellationToken: cancellationToken))).Select(r => r.ToAnnouncement()).ToList();
    }

    /// <summary>The announcement with this id, or null.</summary>
    public async Task<Announcement?> FindAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return (await connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(
            $"SELECT {Columns} FROM announcements WHERE id = @id", new { id }, cancellationToken: cancellationToken)))?.ToAnnouncement();
    }

    /// <summary>Stores a new announcement, visible from <paramref name="now"/> unless the request says when.</summary>
    public async Task<Announcement> CreateAsync(AnnouncementRequest request, Guid? authorId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return (await connection.QuerySingleAsync<Row>(new CommandDefinition(
            $"""
            INSERT INTO announcements (id, text, link, visible_from, visible_until, created_by)
            VALUES (@id, @text, @link, @from, @until, @authorId)
            RETURNING {Columns}
            """, new
            {
                id = Guid.CreateVersion7(),
                text = request.Text!.Trim(),
                link = request.Link,
                from = request.VisibleFrom ?? now,
                until = request.VisibleUntil,
                authorId,
            }, cancellationToken: cancellationToken))).ToAnnouncement();
    }

    /// <summary>Changes the fields <paramref name="request"/> gives. <see cref="WriteFailure.NotFound"/>, or
    /// <see cref="WriteFailure.InUse"/> when the window would end at or before it starts (the stored start with a new end,
    /// or the reverse).</summary>
    public async Task<WriteResult<Announcement>> UpdateAsync(Guid id, AnnouncementRequest request, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        try
        {
            var row = await connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(
                $"""
                UPDATE announcements SET text = coalesce(@text, text), link = coalesce(@link, link),
                    visible_from = coalesce(@from, visible_from), visible_until = coalesce(@until, visible_until), updated_at = now()
                WHERE id = @id
                RETURNING {Columns}
                """, new { id, text = request.Text?.Trim(), link = request.Link, from = request.VisibleFrom, until = request.VisibleUntil },
                cancellationToken: cancellationToken));
            return row is null ? WriteResult<Announcement>.Failed(WriteFailure.NotFound) : WriteResult<Announcement>.Done(row.ToAnnouncement());
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.CheckViolation)
        {
            return WriteResult<Announcement>.Failed(WriteFailure.InUse);
        }
    }

    /// <summary>Deletes an announcement; false when there was none.</summary>
    public async Task<bool> DeleteAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition("DELETE FROM announcements WHERE id = @id", new { id },
            cancellationToken: cancellationToken)) > 0;
    }

    private sealed record Row(Guid Id, string Text, string? Link, DateTime VisibleFrom, DateTime? VisibleUntil)
    {
        public Announcement ToAnnouncement() =>
            new(Id, Text, Link, SiteTime.Utc(VisibleFrom), VisibleUntil is { } until ? SiteTime.Utc(until) : null);
    }
}
