using System.Text.Json;
using Dapper;
using Npgsql;
using OrleansRides.Catalog;

namespace OrleansRides.Site.Membership;

/// <summary>Membership tiers in <c>membership_tiers</c> (<c>sql/013_site.sql</c>, seeded by <c>sql/017</c>). Takes
/// validated requests; stores one-line fields trimmed.</summary>
public sealed class TierRepository(NpgsqlDataSource dataSource)
{
    private const string Columns =
        "id AS Id, slug AS Slug, name AS Name, description AS Description, benefits::text AS Benefits, position AS Position";

    /// <summary>Every tier in display order (position, then name).</summary>
    public async Task<IReadOnlyList<Tier>> ListAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(
            $"SELECT {Columns} FROM membership_tiers ORDER BY position, name, id", cancellationToken: cancellationToken));
        return rows.Select(r => r.ToTier()).ToList();
    }

    /// <summary>The tier with this id, or null.</summary>
    public async Task<Tier?> FindAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(
            $"SELECT {Columns} FROM membership_tiers WHERE id = @id", new { id }, cancellationToken: cancellationToken));
        return row?.ToTier();
    }

    /// <summary>Stores a new tier (request valid by <see cref="NewTierValidator"/>); <see cref="WriteFailure.SlugTaken"/>
    /// when another tier has its slug.</summary>
    public Task<WriteResult<Tier>> CreateAsync(TierRequest request, CancellationToken cancellationToken) =>
        WriteAsync(
            $"""
            INSERT INTO membership_tiers (id, slug, name, description, benefits, position)
            VALUES (@Id, @Slug, @Name, nullif(@Description, ''), coalesce(@Benefits::jsonb, '[]'), coalesce(@Position, 0))
            RETURNING {Columns}
            """, Guid.CreateVersion7(), request with { Slug = Slugs.Effective(request.Slug, request.Name) }, cancellationToken);

    /// <summary>Changes the fields <paramref name="request"/> gives (an empty description clears it);
    /// <see cref="WriteFailure.NotFound"/> or <see cref="WriteFailure.SlugTaken"/>.</summary>
    public Task<WriteResult<Tier>> UpdateAsync(Guid id, TierRequest request, CancellationToken cancellationToken) =>
        WriteAsync(
            $"""
            UPDATE membership_tiers SET
                slug = coalesce(@Slug, slug), name = coalesce(@Name, name),
                description = CASE WHEN @Description::text IS NULL THEN description ELSE nullif(@Description, '') END,
                benefits = coalesce(@Benefits::jsonb, benefits), position = coalesce(@Position, position), updated_at = now()
            WHERE id = @Id
            RETURNING {Columns}
            """, id, request, cancellationToken);

    /// <summary>Deletes a tier (registrations keep its slug as text); <see cref="WriteFailure.NotFound"/> when none has
    /// this id.</summary>
    public async Task<WriteFailure> DeleteAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var deleted = await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM membership_tiers WHERE id = @id", new { id }, cancellationToken: cancellationToken));
        return deleted == 0 ? WriteFailure.NotFound : WriteFailure.None;
    }

    private async Task<WriteResult<Tier>> WriteAsync(string sql, Guid id, TierRequest request, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        try
        {
            var row = await connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(sql, new
            {
                Id = id,
                request.Slug,
                Name = request.Name?.Trim(),
                Description = request.Description?.Trim(),
                Benefits = request.Benefits is { } benefits ? JsonSerializer.Serialize(benefits.Select(b => b!.Trim())) : null,
                request.Position,
            }, cancellationToken: cancellationToken));
            return row is null ? WriteResult<Tier>.Failed(WriteFailure.NotFound) : WriteResult<Tier>.Done(row.ToTier());
        }
        catch (PostgresException ex) when (CatalogErrors.IsUniqueViolation(ex))
        {
            return WriteResult<Tier>.Failed(WriteFailure.SlugTaken);
        }
    }

    private sealed record Row(Guid Id, string Slug, string Name, string? Description, string Benefits, int Position)
    {
        public Tier ToTier() => new(Id, Slug, Name, Description, JsonSerializer.Deserialize<string[]>(Benefits) ?? [], Position);
    }
}
