using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OrleansRides.Runtime.Calls;
using OrleansRides.Runtime.Persistence;
using OrleansRides.Runtime.Storage;

namespace OrleansRides.Runtime.Hosting;

/// <summary>The grain runtime's PostgreSQL wiring.</summary>
public static class PostgresStorageHosting
{
    /// <summary>Keeps grain state in PostgreSQL and tells callers of PostgreSQL failures by stable codes
    /// (<see cref="PostgresErrors.ToCallerError"/>); needs an <see cref="Npgsql.NpgsqlDataSource"/> singleton
    /// (<see cref="PostgresHosting.AddPostgres"/>).</summary>
    public static GrainRuntimeBuilder UsePostgresStorage(this GrainRuntimeBuilder builder)
    {
        builder.Services.AddSingleton<IGrainStorage, PostgresGrainStorage>();
        builder.Services.TryAddSingleton<PersistenceMetrics>();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<ICallerErrorTranslator, PostgresCallerErrors>());
        return builder;
    }

    /// <summary>PostgreSQL failures thrown in a grain turn (by grain storage or by a grain's own PostgreSQL store), as
    /// <see cref="PostgresErrors.ToCallerError"/> sorts them.</summary>
    private sealed class PostgresCallerErrors : ICallerErrorTranslator
    {
        public GrainException? Translate(Exception exception) => PostgresErrors.ToCallerError(exception) as GrainException;
    }
}
