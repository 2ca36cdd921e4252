using Dapper;
using Microsoft.AspNetCore.Identity;
using Npgsql;

namespace OrleansRides.FrontendHost.Auth;

/// <summary>An account as stored in <c>users</c>; <see cref="PasswordHash"/> never leaves the server.</summary>
/// <param name="Id">The user id (the tokens' <c>sub</c>).</param>
/// <param name="Email">Login email.</param>
/// <param name="Name">Display name.</param>
/// <param name="PasswordHash">PBKDF2 hash in <see cref="PasswordHasher{TUser}"/>'s format.</param>
/// <param name="Role">One of <see cref="Roles.AccountRoles"/>.</param>
/// <param name="IsActive">False once an admin deactivated the account: no login, no token works.</param>
/// <param name="TokenVersion">Written into every token as <c>ver</c>; a role change or a deactivation increments it, and a
/// token whose <c>ver</c> differs is refused (<see cref="TokenRevocations"/>).</param>
public sealed record UserAccount(Guid Id, string Email, string Name, string PasswordHash, string Role, bool IsActive = true, int TokenVersion = 0)
{
    /// <summary>The public view: <c>{ id, name, email, role, isActive }</c>.</summary>
    public UserView ToView() => new(Id, Name, Email, Role, IsActive);
}

/// <summary>What the API shows of an account.</summary>
/// <param name="Id">The user id.</param>
/// <param name="Name">Display name.</param>
/// <param name="Email">Login email.</param>
/// <param name="Role">One of <see cref="Roles.AccountRoles"/>.</param>
/// <param name="IsActive">False when an admin deactivated it.</param>
public sealed record UserView(Guid Id, string Name, string Email, string Role, bool IsActive);

/// <summary>Accounts in PostgreSQL, with passwords hashed by ASP.NET Core Identity's <see cref="PasswordHasher{TUser}"/>
/// (PBKDF2-HMAC-SHA512, 100,000 iterations in its V3 format).</summary>
public sealed class UserRepository(NpgsqlDataSource dataSource, IPasswordHasher<UserAccount> hasher)
{
    private const string Columns =
        "id AS Id, email AS Email, name AS Name, password_hash AS PasswordHash, role AS Role, is_active AS IsActive, token_version AS TokenVersion";

    /// <summary>Creates an account.</summary>
    /// <returns>The account, or <c>null</c> when the email is taken (case-insensitive).</returns>
    public async Task<UserAccount?> CreateAsync(string email, string name, string password, string role, CancellationToken cancellationToken)
    {
        var draft = new UserAccount(Guid.CreateVersion7(), email.Trim(), name.Trim(), "", role);
        var account = draft with { PasswordHash = hasher.HashPassword(draft, password) };
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var inserted = await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO users (id, email, name, password_hash, role) VALUES (@Id, @Email, @Name, @PasswordHash, @Role)
            ON CONFLICT ((lower(email))) DO NOTHING
            """, account, cancellationToken: cancellationToken));
        return inserted == 1 ? account : null;
    }

    /// <summary>The account whose email (compared case-insensitively after trimming) and password match, or <c>null</c>. A
    /// hash in an old format is upgraded.</summary>
    public async Task<UserAccount?> VerifyAsync(string email, string password, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var account = await connection.QuerySingleOrDefaultAsync<UserAccount>(new CommandDefinition(
            $"SELECT {Columns} FROM users WHERE lower(email) = lower(@email)", new { email = email.Trim() }, cancellationToken: cancellationToken));
        if (account is null)
        {
            // Hash anyway, so that an unknown email takes as long as a wrong password.
            hasher.VerifyHashedPassword(new UserAccount(Guid.Empty, email, "", "", ""), UnknownUserHash.Value, password);
            return null;
        }
        switch (hasher.VerifyHashedPassword(account, account.PasswordHash, password))
        {
            case PasswordVerificationResult.Success:
                return account;
            case PasswordVerificationResult.SuccessRehashNeeded:
                var rehashed = account with { PasswordHash = hasher.HashPassword(account, password) };
                await connection.ExecuteAsync(new CommandDefinition(
                    "UPDATE users SET password_hash = @PasswordHash WHERE id = @Id", rehashed, cancellationToken: cancellationToken));
                return rehashed;
            default:
                return null;
        }
    }

    /// <summary>The account, or <c>null</c>.</summary>
    public async Task<UserAccount?> FindAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<UserAccount>(new CommandDefinition(
            $"SELECT {Columns} FROM users WHERE id = @id", new { id }, cancellationToken: cancellationToken));
    }

    /// <summary>Sets an account's role. A real change increments <see cref="UserAccount.TokenVersion"/>, which revokes every
    /// token issued before it (they carry the old role).</summary>
    /// <returns>The updated account and whether its tokens were revoked, or <c>null</c> when there is none with this id.</returns>
    public Task<(UserAccount Account, bool Revoked)?> SetRoleAsync(Guid id, string role, CancellationToken cancellationToken) =>
        ChangeAsync(id, "token_version = token_version + CASE WHEN role = @value THEN 0 ELSE 1 END, role = @value", role, cancellationToken);

    /// <summary>Activates or deactivates an account. Deactivating increments <see cref="UserAccount.TokenVersion"/>, which
    /// revokes every token the account holds; reactivating does not bring them back.</summary>
    /// <returns>The updated account and whether its tokens were revoked, or <c>null</c> when there is none with this id.</returns>
    public Task<(UserAccount Account, bool Revoked)?> SetActiveAsync(Guid id, bool isActive, CancellationToken cancellationToken) =>
        ChangeAsync(id, "token_version = token_version + CASE WHEN is_active AND NOT @value THEN 1 ELSE 0 END, is_active = @value",
            isActive, cancellationToken);

    /// <summary>Revokes every token the account holds by incrementing its <see cref="UserAccount.TokenVersion"/> (an admin
    /// ending all its sessions).</summary>
    /// <returns>The updated account, or <c>null</c> when there is none with this id.</returns>
    public async Task<UserAccount?> RevokeAllTokensAsync(Guid id, CancellationToken cancellationToken) =>
        (await ChangeAsync(id, "token_version = token_version + 1", 0, cancellationToken))?.Account;

    // One UPDATE; in SET every column is the row's old value, so each change decides from what it replaces. The locked
    // read of the old version tells whether this statement moved it, even when two admins act at once.
    private async Task<(UserAccount Account, bool Revoked)?> ChangeAsync<T>(Guid id, string assignments, T value, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<AccountChange>(new CommandDefinition(
            $"""
            WITH before AS (SELECT id AS before_id, token_version AS previous_version FROM users WHERE id = @id FOR UPDATE)
            UPDATE users SET {assignments} FROM before WHERE users.id = before.before_id
            RETURNING {Columns}, previous_version AS PreviousVersion
            """, new { id, value }, cancellationToken: cancellationToken));
        return row is null
            ? null
            : (new UserAccount(row.Id, row.Email, row.Name, row.PasswordHash, row.Role, row.IsActive, row.TokenVersion),
                row.TokenVersion != row.PreviousVersion);
    }

    private sealed record AccountChange(
        Guid Id, string Email, string Name, string PasswordHash, string Role, bool IsActive, int TokenVersion, int PreviousVersion);

    /// <summary>Creates the account, or makes an existing one with this email an admin with this password.</summary>
    public async Task EnsureAdminAsync(string email, string name, string password, CancellationToken cancellationToken)
    {
        var draft = new UserAccount(Guid.CreateVersion7(), email.Trim(), name, "", Roles.Admin);
        var account = draft with { PasswordHash = hasher.HashPassword(draft, password) };
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO users (id, email, name, password_hash, role) VALUES (@Id, @Email, @Name, @PasswordHash, @Role)
            ON CONFLICT ((lower(email))) DO UPDATE SET role = 'admin', password_hash = excluded.password_hash
            """, account, cancellationToken: cancellationToken));
    }

    private static readonly Lazy<string> UnknownUserHash = new(() =>
        new PasswordHasher<UserAccount>().HashPassword(new UserAccount(Guid.Empty, "", "", "", ""), Guid.NewGuid().ToString()));
}
