using Dapper;
using Npgsql;

namespace OrleansRides.Catalog;

/// <summary>The writes regions and tags share: one statement returning the row, a unique violation meaning the slug is
/// taken (the only unique column besides a fresh id), a foreign-key violation meaning the row is still referenced.</summary>
internal static class CatalogWrites
{
    /// <summary>Runs <paramref name="sql"/> (an INSERT or UPDATE … RETURNING); no row: <see cref="WriteFailure.NotFound"/>.</summary>
    public static async Task<WriteResult<T>> WriteAsync<TRow, T>(
        NpgsqlDataSource dataSource, string sql, object parameters, Func<TRow, T> map, CancellationToken cancellationToken)
        where T : class
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        try
        {
            var row = await connection.QuerySingleOrDefaultAsync<TRow>(new CommandDefinition(sql, parameters, cancellationToken: cancellationToken));
            return row is null ? WriteResult<T>.Failed(WriteFailure.NotFound) : WriteResult<T>.Done(map(row));
        }
        catch (PostgresException ex) when (CatalogErrors.IsUniqueViolation(ex))
        {
            return WriteResult<T>.Failed(WriteFailure.SlugTaken);
        }
    }

    /// <summary>Runs <paramref name="sql"/> (a DELETE by <c>@id</c>).</summary>
    public static async Task<WriteFailure> DeleteAsync(NpgsqlDataSource dataSource, string sql, Guid id, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        try
        {
            var deleted = await connection.ExecuteAsync(new CommandDefinition(sql, new { id }, cancellationToken: cancellationToken));
            return deleted == 0 ? WriteFailure.NotFound : WriteFailure.None;
        }
        catch (PostgresException ex) when (CatalogErrors.IsReferenced(ex))
        {
            return WriteFailure.InUse;
        }
    }
}
