using System.Security.Cryptography;
using System.Text;
using Dapper;
using Npgsql;
using OrleansRides.Runtime.Storage;

namespace OrleansRides.Catalog.Subscriptions;

/// <summary>Subscriptions, their tokens and the per-address record of confirmation mails (<c>sql/012_subscriptions.sql</c>).
/// Every token argument is a token as presented; only its SHA-256 is looked up.</summary>
public sealed class SubscriptionRepository(NpgsqlDataSource dataSource)
{
    private const string ViewColumns =
        """
        s.id AS Id, s.email AS Email, s.frequency AS Frequency, s.region_ids AS RegionIds, s.tag_ids AS TagIds, s.status AS Status,
        s.confirmed_at AS ConfirmedAt, s.created_at AS CreatedAt, s.updated_at AS UpdatedAt
        """;

    private const string ByManageToken = "t.token_hash = @hash AND t.purpose = 'manage' AND t.subscription_id = s.id";

    /// <summary>Stores a pending subscription for <paramref name="email"/> (already in normal form) with a manage and a
    /// confirmation token, and counts the confirmation mail about to be sent, unless the address has had
    /// <paramref name="mailsPerDay"/> in the 24 hours before <paramref name="now"/>. One transaction under an advisory lock
    /// on the address, so parallel requests cannot all pass the count.</summary>
    public async Task<NewSubscription> CreateAsync(
        string email, DigestFrequency frequency, Guid[] regionIds, Guid[] tagIds, DateTimeOffset now, int mailsPerDay,
        CancellationToken cancellationToken)
    {
        var emailHash = SHA256.HashData(Encoding.UTF8.GetBytes(email));
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var windowStart = (now - TimeSpan.FromDays(1)).UtcDateTime;
        await connection.ExecuteAsync(new CommandDefinition(
            """
            SELECT pg_advisory_xact_lock(@lockKey);
            DELETE FROM subscription_confirmation_mails WHERE email_hash = @emailHash AND sent_at <= @windowStart;
            """,
            new { lockKey = BitConverter.ToInt64(emailHash), emailHash, windowStart }, transaction, cancellationToken: cancellationToken));
        var sent = (await connection.QueryAsync<DateTime>(new CommandDefinition(
            "SELECT sent_at FROM subscription_confirmation_mails WHERE email_hash = @emailHash ORDER BY sent_at",
            new { emailHash }, transaction, cancellationToken: cancellationToken))).ToList();
        if (sent.Count >= mailsPerDay)
        {
            return new NewSubscription(null, null, null, PostgresTime.Utc(sent[0]) + TimeSpan.FromDays(1) - now);
        }
        var id = Guid.CreateVersion7();
        var manageToken = SubscriptionTokens.Generate();
        var confirmToken = SubscriptionTokens.Generate();
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO subscriptions (id, email, frequency, region_ids, tag_ids, created_at, updated_at)
            VALUES (@id, @email, @frequency, @regionIds, @tagIds, @now, @now);
            INSERT INTO subscription_tokens (token_hash, subscription_id, purpose, created_at)
            VALUES (@manageHash, @id, 'manage', @now), (@confirmHash, @id, 'confirm', @now);
            INSERT INTO subscription_confirmation_mails (email_hash, sent_at) VALUES (@emailHash, @now);
            """,
            new
            {
                id, email, frequency = frequency.Name(), regionIds, tagIds, now = now.UtcDateTime, emailHash,
                manageHash = SubscriptionTokens.Hash(manageToken), confirmHash = SubscriptionTokens.Hash(confirmToken),
            }, transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        return new NewSubscription(id, manageToken, confirmToken, null);
    }

    /// <summary>The ids among <paramref name="ids"/> that name no row of <paramref name="table"/> (regions or tags).</summary>
    public async Task<IReadOnlyList<Guid>> UnknownIdsAsync(CatalogTable table, IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken)
    {
        if (ids.Count == 0)
        {
            return [];
        }
        // The table name comes from the enum, never from input.
        var name = table == CatalogTable.Regions ? "regions" : "tags";
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return (await connection.QueryAsync<Guid>(new CommandDefinition(
            $"SELECT u.id FROM unnest(@ids) AS u(id) WHERE NOT EXISTS (SELECT 1 FROM {name} x WHERE x.id = u.id)",
            new { ids = ids.ToArray() }, cancellationToken: cancellationToken))).ToList();
    }

    /// <summary>The subscription <paramref name="token"/> manages, or null.</summary>
    public Task<SubscriptionView?> FindAsync(string token, CancellationToken cancellationToken) =>
        SingleAsync($"SELECT {ViewColumns} FROM subscriptions s, subscription_tokens t WHERE {ByManageToken}", token, null, cancellationToken);

    /// <summary>Activates the subscription of <paramref name="confirmToken"/> if the token was issued after
    /// <paramref name="issuedAfter"/> (also one that was unsubscribed: following the link is a fresh opt-in); null when
    /// the token is unknown or expired.</summary>
    public Task<SubscriptionView?> ConfirmAsync(string confirmToken, DateTimeOffset now, DateTimeOffset issuedAfter, CancellationToken cancellationToken) =>
        SingleAsync(
            $"""
            UPDATE subscriptions s SET status = 'active', confirmed_at = COALESCE(s.confirmed_at, @now), unsubscribed_at = NULL, updated_at = @now
            FROM subscription_tokens t
            WHERE t.token_hash = @hash AND t.purpose = 'confirm' AND t.subscription_id = s.id AND t.created_at > @issuedAfter
            RETURNING {ViewColumns}
            """, confirmToken, new { now = now.UtcDateTime, issuedAfter = issuedAfter.UtcDateTime }, cancellationToken);

    /// <summary>Changes the fields of <paramref name="request"/> that are set; null when the token is unknown.</summary>
    public Task<SubscriptionView?> UpdateAsync(string token, UpdateSubscriptionRequest request, DateTimeOffset now, CancellationToken cancellationToken) =>
        SingleAsync(
            $"""
            UPDATE subscriptions s SET frequency = COALESCE(@frequency::text, s.frequency), region_ids = COALESCE(@regionIds::uuid[], s.region_ids),
                tag_ids = COALESCE(@tagIds::uuid[], s.tag_ids), updated_at = @now
            FROM subscription_tokens t WHERE {ByManageToken}
            RETURNING {ViewColumns}
            """,
            token,
            new
            {
                frequency = request.Frequency?.Name(), regionIds = request.RegionIds?.Distinct().ToArray(),
                tagIds = request.TagIds?.Distinct().ToArray(), now = now.UtcDateTime,
            }, cancellationToken);

    /// <summary>Marks the subscription unsubscribed (idempotent); null when the token is unknown.</summary>
    public Task<SubscriptionView?> UnsubscribeAsync(string token, DateTimeOffset now, CancellationToken cancellationToken) =>
        SingleAsync(
            $"""
            UPDATE subscriptions s SET status = 'unsubscribed', unsubscribed_at = COALESCE(s.unsubscribed_at, @now), updated_at = @now
            FROM subscription_tokens t WHERE {ByManageToken}
            RETURNING {ViewColumns}
            """, token, new { now = now.UtcDateTime }, cancellationToken);

    /// <summary>Erases the subscription, its tokens and its delivery records; false when the token is unknown.</summary>
    public async Task<bool> DeleteAsync(string token, CancellationToken cancellationToken)
    {
        if (!SubscriptionTokens.IsWellFormed(token))
        {
            return false;
        }
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(
            $"DELETE FROM subscriptions s USING subscription_tokens t WHERE {ByManageToken}",
            new { hash = SubscriptionTokens.Hash(token) }, cancellationToken: cancellationToken)) > 0;
    }

    /// <summary>Erases a subscription by id (one whose confirmation mail could not be sent). The mail still counts
    /// against the address's daily limit.</summary>
    public async Task DeleteByIdAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition("DELETE FROM subscriptions WHERE id = @id", new { id }, cancellationToken: cancellationToken));
    }

    /// <summary>A new manage token for <paramref name="subscriptionId"/>, for the links of one digest.</summary>
    public async Task<string> IssueManageTokenAsync(Guid subscriptionId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var token = SubscriptionTokens.Generate();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO subscription_tokens (token_hash, subscription_id, purpose, created_at) VALUES (@hash, @subscriptionId, 'manage', @now)",
            new { hash = SubscriptionTokens.Hash(token), subscriptionId, now = now.UtcDateTime }, cancellationToken: cancellationToken));
        return token;
    }

    /// <summary>Erases pending subscriptions created before <paramref name="createdBefore"/> (their confirmation links have
    /// expired, and an address nobody confirmed should not be kept) and confirmation-mail records older than a day.
    /// Returns the number of subscriptions erased.</summary>
    public async Task<int> PruneAsync(DateTimeOffset createdBefore, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<int>(new CommandDefinition(
            """
            DELETE FROM subscription_confirmation_mails WHERE sent_at <= @windowStart;
            WITH erased AS (DELETE FROM subscriptions WHERE status = 'pending' AND created_at < @createdBefore RETURNING 1)
            SELECT count(*)::int FROM erased;
            """,
            new { windowStart = (now - TimeSpan.FromDays(1)).UtcDateTime, createdBefore = createdBefore.UtcDateTime },
            cancellationToken: cancellationToken));
    }

    private async Task<SubscriptionView?> SingleAsync(string sql, string token, object? parameters, CancellationToken cancellationToken)
    {
        if (!SubscriptionTokens.IsWellFormed(token))
        {
            return null;
        }
        var arguments = new DynamicParameters(parameters);
        arguments.Add("hash", SubscriptionTokens.Hash(token));
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<SubscriptionRow>(new CommandDefinition(sql, arguments, cancellationToken: cancellationToken));
        return row?.ToView();
    }

    // Properties, not a positional record: Dapper's constructor matching sees uuid[] as System.Array.
    private sealed class SubscriptionRow
    {
        public Guid Id { get; init; }

        public string Email { get; init; } = "";

        public string Frequency { get; init; } = "";

        public Guid[] RegionIds { get; init; } = [];

        public Guid[] TagIds { get; init; } = [];

        public string Status { get; init; } = "";

        public DateTime? ConfirmedAt { get; init; }

        public DateTime CreatedAt { get; init; }

        public DateTime UpdatedAt { get; init; }

        public SubscriptionView ToView() => new(
            Email, DigestPeriods.Parse(Frequency), RegionIds, TagIds, Enum.Parse<SubscriptionStatus>(Status, ignoreCase: true),
            ConfirmedAt is { } confirmed ? PostgresTime.Utc(confirmed) : null, PostgresTime.Utc(CreatedAt), PostgresTime.Utc(UpdatedAt));
    }
}

/// <summary>The outcome of <see cref="SubscriptionRepository.CreateAsync"/>: the new subscription's id and tokens, or
/// (all null) the wait until the address may get another confirmation mail.</summary>
/// <param name="Id">The new subscription's id.</param>
/// <param name="ManageToken">Its manage token (for the caller and the manage link).</param>
/// <param name="ConfirmToken">Its confirmation token (for the confirmation mail only).</param>
/// <param name="RetryAfter">Set when the address has had its confirmation mails for the day.</param>
public sealed record NewSubscription(Guid? Id, string? ManageToken, string? ConfirmToken, TimeSpan? RetryAfter);

/// <summary>A table of ids a subscription filters by.</summary>
public enum CatalogTable
{
    /// <summary><c>regions</c>.</summary>
    Regions,

    /// <summary><c>tags</c>.</summary>
    Tags,
}
