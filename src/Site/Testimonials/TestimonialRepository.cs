using Dapper;
using Npgsql;
using OrleansRides.Runtime.Storage;

namespace OrleansRides.Site.Testimonials;

/// <summary>Testimonials in <c>testimonials</c> (<c>sql/013_site.sql</c>): submitted pending, public once approved. Takes
/// requests valid by <see cref="TestimonialValidator"/>.</summary>
public sealed class TestimonialRepository(NpgsqlDataSource dataSource)
{
    private const string Columns =
        "id AS Id, name AS Name, text AS Text, location AS Location, created_at AS CreatedAt, status AS Status, decided_at AS DecidedAt";

    /// <summary>Stores a new pending testimonial (one-line fields trimmed, a blank location as null).</summary>
    public async Task<TestimonialReceipt> SubmitAsync(TestimonialRequest request, CancellationToken cancellationToken)
    {
        var id = Guid.CreateVersion7();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO testimonials (id, name, text, location) VALUES (@id, @name, @text, @location)",
            new
            {
                id,
                name = request.Name!.Trim(),
                text = request.Text!.Trim(),
                location = string.IsNullOrWhiteSpace(request.Location) ? null : request.Location.Trim(),
            }, cancellationToken: cancellationToken));
        return new TestimonialReceipt(id, TestimonialStatus.Pending);
    }

    /// <summary>Page <paramref name="query"/> of the approved testimonials, newest first (by submission).</summary>
    public Task<PagedList<Testimonial>> ListApprovedAsync(PageQuery query, CancellationToken cancellationToken) =>
        ListAsync("approved", "created_at DESC, id DESC", query, r => r.ToPublic(), cancellationToken);

    /// <summary>Page <paramref name="query"/> of the staff queue: pending testimonials, oldest first (first come, first
    /// decided).</summary>
    public Task<PagedList<StaffTestimonial>> ListPendingAsync(PageQuery query, CancellationToken cancellationToken) =>
        ListAsync("pending", "created_at, id", query, r => r.ToStaff(), cancellationToken);

    /// <summary>Approves or rejects a pending testimonial as <paramref name="staffId"/> (recorded in <c>decided_by</c>,
    /// with <c>decided_at</c> = now). A testimonial decided before is left as it is (<see cref="TestimonialDecision.AlreadyDecided"/>);
    /// none with this id: <see cref="TestimonialDecision.Testimonial"/> null. Check and change are one statement, so of
    /// two staff deciding at once exactly one wins.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="decision"/> is <see cref="TestimonialStatus.Pending"/>.</exception>
    public async Task<TestimonialDecision> DecideAsync(Guid id, TestimonialStatus decision, Guid? staffId, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfEqual(decision, TestimonialStatus.Pending);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<DecisionRow>(new CommandDefinition(
            $"""
            WITH decided AS (
                UPDATE testimonials SET status = @status, decided_at = now(), decided_by = @staffId
                WHERE id = @id AND status = 'pending'
                RETURNING {Columns}, false AS AlreadyDecided)
            SELECT * FROM decided
            UNION ALL
            SELECT {Columns}, true FROM testimonials WHERE id = @id AND NOT EXISTS (SELECT 1 FROM decided)
            """,
            new { id, status = decision.ToString().ToLowerInvariant(), staffId }, cancellationToken: cancellationToken));
        return row is null ? new TestimonialDecision(null, false) : new TestimonialDecision(row.ToRow().ToStaff(), row.AlreadyDecided);
    }

    private Task<PagedList<T>> ListAsync<T>(string status, string order, PageQuery query, Func<Row, T> map, CancellationToken cancellationToken)
    {
        var parameters = new DynamicParameters(new { status });
        // The order is one of the two constants above, never the caller's text.
        return PagedSql.QueryAsync(dataSource,
            "SELECT count(*) FROM testimonials WHERE status = @status",
            $"SELECT {Columns} FROM testimonials WHERE status = @status ORDER BY {order} LIMIT @limit OFFSET @offset",
            query, parameters, map, cancellationToken);
    }

    private sealed record Row(Guid Id, string Name, string Text, string? Location, DateTime CreatedAt, string Status, DateTime? DecidedAt)
    {
        public Testimonial ToPublic() => new(Id, Name, Text, Location, PostgresTime.Utc(CreatedAt));

        public StaffTestimonial ToStaff() => new(Id, Name, Text, Location, PostgresTime.Utc(CreatedAt),
            Enum.Parse<TestimonialStatus>(Status, ignoreCase: true), DecidedAt is { } at ? PostgresTime.Utc(at) : null);
    }

    private sealed record DecisionRow(
        Guid Id, string Name, string Text, string? Location, DateTime CreatedAt, string Status, DateTime? DecidedAt, bool AlreadyDecided)
    {
        public Row ToRow() => new(Id, Name, Text, Location, CreatedAt, Status, DecidedAt);
    }
}
