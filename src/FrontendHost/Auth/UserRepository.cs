using Dapper;
using Microsoft.AspNetCore.Identity;
using Npgsql;

namespace OrleansRides.FrontendHost.Auth;

/// <summary>An account as stored in <c>users</c>; <see cref="PasswordHash"/> never leaves the server.</summary>
public sealed record UserAccount(Guid Id, string Email, string Name, string PasswordHash, string Role)
{
    /// <summary>The public view: <c>{ id, name, email, role }</c>.</summary>
    public UserView ToView() => new(Id, Name, Email, Role);
}

/// <summary>What the API shows of an account.</summary>
public sealed record UserView(Guid Id, string Name, string Email, string Role);

/// <summary>Accounts in PostgreSQL, with passwords hashed by ASP.NET Core Identity's <see cref="PasswordHasher{TUser}"/>
/// (PBKDF2-HMAC-SHA512, 100,000 iterations in its V3 format).</summary>
public sealed class UserRepository(NpgsqlDataSource dataSource, IPasswordHasher<UserAccount> hasher)
{
    private const string Columns = "id AS Id, email AS Email, name AS Name, password_hash AS PasswordHash, role AS Role";

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

    /// <summary>Sets an account's role.</summary>
    /// <returns>The updated account, or <c>null</c> when there is none with this id.</returns>
    public async Task<UserAccount?> SetRoleAsync(Guid id, string role, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<UserAccount>(new CommandDefinition(
            $"UPDATE users SET role = @role WHERE id = @id RETURNING {Columns}", new { id, role }, cancellationToken: cancellationToken));
    }

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
