namespace OrleansRides.Runtime.Storage;

/// <summary>Reading <c>timestamptz</c> columns through Dapper: Npgsql returns them as <see cref="DateTime"/> values that
/// are UTC, and Dapper maps rows to constructors only with the column's own type.</summary>
public static class PostgresTime
{
    /// <summary>The value as a UTC <see cref="DateTimeOffset"/>.</summary>
    public static DateTimeOffset Utc(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc));
}
