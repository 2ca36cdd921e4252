using System.Diagnostics.Metrics;

namespace OrleansRides.Runtime.Storage;

/// <summary>The PostgreSQL layer's instruments, on the meter <c>OrleansRides.Persistence</c> created by the host's
/// <see cref="IMeterFactory"/> (one singleton per container).</summary>
public sealed class PersistenceMetrics
{
    /// <summary>The meter's name.</summary>
    public const string MeterName = "OrleansRides.Persistence";

    private readonly Counter<long> _rejected;

    /// <summary>Creates the instruments on <paramref name="meterFactory"/>'s meter <see cref="MeterName"/>.</summary>
    public PersistenceMetrics(IMeterFactory meterFactory)
    {
        Meter = meterFactory.Create(MeterName);
        _rejected = Meter.CreateCounter<long>("orleansrides.persistence.rows_rejected",
            description: "Rows dropped from a batch write because PostgreSQL refused their content");
    }

    /// <summary>This container's meter <see cref="MeterName"/>.</summary>
    public Meter Meter { get; }

    /// <summary>Counts one row dropped for its content (see <see cref="PostgresErrors.IsDataError"/>; metric
    /// <c>orleansrides.persistence.rows_rejected</c>, tagged with the table).</summary>
    public void RowRejected(string table) => _rejected.Add(1, new KeyValuePair<string, object?>("table", table));
}
