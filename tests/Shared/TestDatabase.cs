using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using OrleansRides.Runtime.Storage;

namespace OrleansRides.Tests.Shared;

/// <summary>The real PostgreSQL the tests use: <c>DATABASE_URL</c> (set by <c>./test</c>), else the instance <c>./test</c>
/// starts on 127.0.0.1:55433. An unreachable server fails the test: there is no silent skip.</summary>
public sealed class TestDatabase : IAsyncLifetime
{
    public static string ConnectionString { get; } = PostgresConnectionString.Normalize(
        Environment.GetEnvironmentVariable("DATABASE_URL") ?? "Host=127.0.0.1;Port=55433;Database=orleansrides_test;Username=postgres");

    public NpgsqlDataSource DataSource { get; } = NpgsqlDataSource.Create(ConnectionString);

    public async Task InitializeAsync()
    {
        try
        {
            await new SchemaMigrator(DataSource, NullLogger<SchemaMigrator>.Instance)
                .MigrateAsync(Path.Combine(AppContext.BaseDirectory, "sql"), CancellationToken.None);
        }
        catch (NpgsqlException ex)
        {
            throw new InvalidOperationException(
                $"PostgreSQL is unreachable at '{ConnectionString}'. Run the tests through ./test, which starts it.", ex);
        }
    }

    public async Task DisposeAsync() => await DataSource.DisposeAsync();
}
