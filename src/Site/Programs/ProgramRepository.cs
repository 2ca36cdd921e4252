using Dapper;
using Npgsql;
using OrleansRides.Catalog;

namespace OrleansRides.Site.Programs;

/// <summary>Why a programme write did not happen.</summary>
public enum ProgramWriteFailure
{
    /// <summary>It happened.</summary>
    None,
    /// <summary>No programme has that id.</summary>
    NotFound,
    /// <summary>Another programme has the slug.</summary>
    SlugTaken,
    /// <summary><see cref="ProgramRequest.HostUserId"/> is not an account with role penyiar.</summary>
    HostNotPenyiar,
    /// <summary>A slot overlaps another (<see cref="ProgramWriteResult.Detail"/> says which).</summary>
    SlotOverlap,
}

/// <summary>The outcome of a programme write: the programme as stored, or why there is none.</summary>
/// <param name="Program">The stored programme; null on failure.</param>
/// <param name="Failure">Why nothing was written.</param>
/// <param name="Detail">For <see cref="ProgramWriteFailure.SlotOverlap"/>: the slots that collide, in words.</param>
public sealed record ProgramWriteResult(RadioProgram? Program, ProgramWriteFailure Failure, string? Detail = null);

/// <summary>Programmes and their weekly slots in <c>programs</c> and <c>program_slots</c> (<c>sql/013_site.sql</c>). Takes
/// requests that passed <see cref="ProgramValidator"/>. Writes take one transaction-scoped advisory lock, so that two
/// concurrent writes cannot each pass the overlap check against the other's slots.</summary>
public sealed class ProgramRepository(NpgsqlDataSource dataSource)
{
    // Any constant shared by every programme write; hashtext keeps it readable.
    private const string LockSql = "SELECT pg_advisory_xact_lock(hashtext('orleansrides.program_slots'))";

    private const string ProgramColumns = """
        p.id AS Id, p.slug AS Slug, p.name AS Name, p.type AS Type, p.description AS Description,
        p.host_user_id AS HostUserId, coalesce(u.name, p.host_name, '') AS HostName
        """;

    private const string SlotColumns = """
        s.id AS Id, s.program_id AS ProgramId, s.day_of_week::int AS DayOfWeek,
        to_char(s.start_time, 'HH24:MI') AS Start, to_char(s.end_time, 'HH24:MI') AS "End"
        """;

    /// <summary>Every programme (of <paramref name="type"/> when given, compared case-insensitively) by name, with its slots.</summary>
    public async Task<IReadOnlyList<RadioProgram>> ListAsync(string? type, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await ReadAsync(connection, null, "@type::text IS NULL OR lower(p.type) = lower(@type)", new { type }, cancellationToken);
    }

    /// <summary>The programme with this id, or null.</summary>
    public async Task<RadioProgram?> FindAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return (await ReadAsync(connection, null, "p.id = @id", new { id }, cancellationToken)).SingleOrDefault();
    }

    /// <summary>Stores a new programme and its slots.</summary>
    public Task<ProgramWriteResult> CreateAsync(ProgramRequest request, CancellationToken cancellationToken) =>
        WriteAsync(null, request, cancellationToken);

    /// <summary>Changes the fields <paramref name="request"/> gives; replaces the slots when it gives them.</summary>
    public Task<ProgramWriteResult> UpdateAsync(Guid id, ProgramRequest request, CancellationToken cancellationToken) =>
        WriteAsync(id, request, cancellationToken);

    /// <summary>Deletes a programme and its slots; false when there was none.</summary>
    public async Task<bool> DeleteAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition("DELETE FROM programs WHERE id = @id", new { id },
            cancellationToken: cancellationToken)) > 0;
    }

    private async Task<ProgramWriteResult> WriteAsync(Guid? existingId, ProgramRequest request, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(LockSql, transaction: transaction, cancellationToken: cancellationToken));
        RadioProgram? current = null;
        if (existingId is { } id && (current = (await ReadAsync(connection, transaction, "p.id = @id", new { id }, cancellationToken)).SingleOrDefault()) is null)
        {
            return new ProgramWriteResult(null, ProgramWriteFailure.NotFound);
        }
        if (request.HostUserId is { } hostUserId && !await IsPenyiarAsync(connection, transaction, hostUserId, cancellationToken))
        {
            return new ProgramWriteResult(null, ProgramWriteFailure.HostNotPenyiar);
        }
        var programId = existingId ?? Guid.CreateVersion7();
        var slots = request.Slots?.Select(s => (s.DayOfWeek!.Value, s.Start!, s.End!)).ToList()
            ?? current?.Slots.Select(s => (s.DayOfWeek, s.Start, s.End)).ToList() ?? [];
        if (await OverlapAsync(connection, transaction, programId, slots, cancellationToken) is { } overlap)
        {
            return new ProgramWriteResult(null, ProgramWriteFailure.SlotOverlap, overlap);
        }
        try
        {
            await connection.ExecuteAsync(new CommandDefinition(existingId is null
                ? """
                  INSERT INTO programs (id, name, slug, host_user_id, host_name, type, description)
                  VALUES (@id, @name, @slug, @hostUserId, @hostName, @type, @description)
                  """
                : """
                  UPDATE programs SET name = coalesce(@name, name), slug = coalesce(@slug, slug),
                      host_user_id = CASE WHEN @hostChanged THEN @hostUserId ELSE host_user_id END,
                      host_name = CASE WHEN @hostChanged THEN @hostName ELSE host_name END,
                      type = coalesce(@type, type), description = coalesce(@description, description), updated_at = now()
                  WHERE id = @id
                  """,
                new
                {
                    id = programId,
                    name = request.Name?.Trim(),
                    slug = existingId is null ? Slugs.Effective(request.Slug, request.Name) : request.Slug,
                    hostUserId = request.HostUserId,
                    hostName = request.HostName?.Trim(),
                    hostChanged = request.HostUserId is not null || request.HostName is not null,
                    type = request.Type?.Trim(),
                    description = Blank(request.Description),
                }, transaction, cancellationToken: cancellationToken));
        }
        catch (PostgresException ex) when (CatalogErrors.IsUniqueViolation(ex))
        {
            return new ProgramWriteResult(null, ProgramWriteFailure.SlugTaken);
        }
        if (request.Slots is not null)
        {
            await connection.ExecuteAsync(new CommandDefinition("DELETE FROM program_slots WHERE program_id = @programId",
                new { programId }, transaction, cancellationToken: cancellationToken));
            await connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO program_slots (id, program_id, day_of_week, start_time, end_time) VALUES (@id, @programId, @day, @start::time, @end::time)",
                slots.Select(s => new { id = Guid.CreateVersion7(), programId, day = (short)s.Item1, start = s.Item2, end = s.Item3 }),
                transaction, cancellationToken: cancellationToken));
        }
        var stored = (await ReadAsync(connection, transaction, "p.id = @id", new { id = programId }, cancellationToken)).Single();
        await transaction.CommitAsync(cancellationToken);
        return new ProgramWriteResult(stored, ProgramWriteFailure.None);
    }

    private static async Task<bool> IsPenyiarAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Guid userId, CancellationToken cancellationToken) =>
        await connection.ExecuteScalarAsync<bool>(new CommandDefinition(
            "SELECT EXISTS (SELECT 1 FROM users WHERE id = @userId AND role = 'penyiar')", new { userId }, transaction,
            cancellationToken: cancellationToken));

    // The request's own slots against each other, then against every other programme's.
    private static async Task<string?> OverlapAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Guid programId,
        List<(int Day, string Start, string End)> slots, CancellationToken cancellationToken)
    {
        var own = slots.Select(Interval).ToList();
        if (WeeklySlots.FirstOverlap(own) is var (first, second))
        {
            return $"slots[{first}] and slots[{second}] overlap.";
        }
        var others = await connection.QueryAsync<(string Name, int Day, string Start, string End)>(new CommandDefinition(
            """
            SELECT p.name, s.day_of_week::int, to_char(s.start_time, 'HH24:MI'), to_char(s.end_time, 'HH24:MI')
            FROM program_slots s JOIN programs p ON p.id = s.program_id WHERE s.program_id <> @programId
            """, new { programId }, transaction, cancellationToken: cancellationToken));
        foreach (var other in others)
        {
            var theirs = Interval((other.Day, other.Start, other.End));
            var index = own.FindIndex(mine => WeeklySlots.Overlap(mine, theirs));
            if (index >= 0)
            {
                return $"slots[{index}] overlaps '{other.Name}' (day {other.Day}, {other.Start}–{other.End}).";
            }
        }
        return null;
    }

    private static (int Start, int End) Interval((int Day, string Start, string End) slot) =>
        WeeklySlots.Interval(slot.Day, WeeklySlots.ParseTime(slot.Start)!.Value, WeeklySlots.ParseTime(slot.End)!.Value);

    private static async Task<IReadOnlyList<RadioProgram>> ReadAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction,
        string where, object parameters, CancellationToken cancellationToken)
    {
        var programs = (await connection.QueryAsync<ProgramRow>(new CommandDefinition(
            $"SELECT {ProgramColumns} FROM programs p LEFT JOIN users u ON u.id = p.host_user_id WHERE {where} ORDER BY p.name, p.id",
            parameters, transaction, cancellationToken: cancellationToken))).ToList();
        var ids = programs.Select(p => p.Id).ToArray();
        var slots = (await connection.QueryAsync<SlotRow>(new CommandDefinition(
            $"SELECT {SlotColumns} FROM program_slots s WHERE s.program_id = ANY(@ids) ORDER BY s.day_of_week, s.start_time, s.id",
            new { ids }, transaction, cancellationToken: cancellationToken))).ToLookup(s => s.ProgramId);
        return programs.Select(p => new RadioProgram(p.Id, p.Slug, p.Name, p.Type, p.Description, new ProgramHost(p.HostUserId, p.HostName),
            slots[p.Id].Select(s => new ProgramSlot(s.Id, s.DayOfWeek, s.Start, s.End)).ToList())).ToList();
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private sealed record ProgramRow(Guid Id, string Slug, string Name, string Type, string? Description, Guid? HostUserId, string HostName);

    private sealed record SlotRow(Guid Id, Guid ProgramId, int DayOfWeek, string Start, string End);
}
