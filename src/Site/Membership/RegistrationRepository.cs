using Dapper;
using Npgsql;
using OrleansRides.Catalog;
using OrleansRides.Runtime.Storage;

namespace OrleansRides.Site.Membership;

/// <summary>Partnership registrations in <c>membership_registrations</c> (<c>sql/013_site.sql</c>). Takes requests valid by
/// <see cref="RegistrationValidator"/>.</summary>
public sealed class RegistrationRepository(NpgsqlDataSource dataSource)
{
    /// <summary>Stores a registration, the address in <see cref="EmailAddresses.Normalize"/> form and blank optional
    /// fields as null. Null when no tier has the slug <see cref="RegistrationRequest.PartnershipType"/>: the check and the
    /// insert are one statement, so a tier deleted meanwhile is never registered for.</summary>
    public async Task<RegistrationReceipt?> RegisterAsync(RegistrationRequest request, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<ReceiptRow>(new CommandDefinition(
            """
            INSERT INTO membership_registrations (id, name, email, phone, partnership_type, message)
            SELECT @Id, @Name, @Email, @Phone, slug, @Message FROM membership_tiers WHERE slug = @PartnershipType
            RETURNING id AS Id, created_at AS CreatedAt
            """,
            new
            {
                Id = Guid.CreateVersion7(),
                Name = request.Name!.Trim(),
                Email = EmailAddresses.Normalize(request.Email!),
                Phone = Blank(request.Phone),
                request.PartnershipType,
                Message = Blank(request.Message),
            }, cancellationToken: cancellationToken));
        return row is null ? null : new RegistrationReceipt(row.Id, PostgresTime.Utc(row.CreatedAt));
    }

    /// <summary>Page <paramref name="query"/> of the registrations, newest first.</summary>
    public Task<PagedList<Registration>> ListAsync(PageQuery query, CancellationToken cancellationToken) =>
        PagedSql.QueryAsync<Row, Registration>(dataSource,
            "SELECT count(*) FROM membership_registrations",
            """
            SELECT id AS Id, name AS Name, email AS Email, phone AS Phone, partnership_type AS PartnershipType, message AS Message,
                   created_at AS CreatedAt
            FROM membership_registrations ORDER BY created_at DESC, id DESC LIMIT @limit OFFSET @offset
            """,
            query, new DynamicParameters(), r => new Registration(r.Id, r.Name, r.Email, r.Phone, r.PartnershipType, r.Message, PostgresTime.Utc(r.CreatedAt)),
            cancellationToken);

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private sealed record ReceiptRow(Guid Id, DateTime CreatedAt);

    private sealed record Row(Guid Id, string Name, string Email, string? Phone, string PartnershipType, string? Message, DateTime CreatedAt);
}
