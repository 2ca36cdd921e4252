using System.Net.Sockets;
using Npgsql;

namespace OrleansRides.Runtime.Storage;

/// <summary>Sorting PostgreSQL failures into "the data is at fault" (answer the caller 400, isolate the row, never retry)
/// and "the server is unavailable" (answer a retryable 503), from the SQLSTATE classes of PostgreSQL's documentation
/// (Appendix A, "PostgreSQL Error Codes").</summary>
public static class PostgresErrors
{
    /// <summary>Class 22 (data exception: invalid byte sequence such as NUL in text, value too long, out of range),
    /// class 23 (integrity constraint violation) and 54000 (program limit exceeded: an index row larger than a btree page,
    /// e.g. a 5 KB key): the statement's content is at fault, and the same statement will fail again.</summary>
    public static bool IsDataError(Exception exception) =>
        exception is PostgresException { SqlState: var state } && (state.StartsWith("22", StringComparison.Ordinal)
            || state.StartsWith("23", StringComparison.Ordinal) || state == PostgresErrorCodes.ProgramLimitExceeded);

    /// <summary>Whether <paramref name="exception"/> is a unique violation (23505) of the index or constraint named
    /// <paramref name="constraint"/>: for a sequence number, a sign that another activation numbers the same rows (a
    /// hand-off in progress), not of bad content.</summary>
    public static bool IsUniqueViolation(Exception exception, string constraint) =>
        exception is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation, ConstraintName: var name } && name == constraint;

    /// <summary>The server cannot be reached or cannot serve now (connection refused or dropped, timeouts, shutdown,
    /// too many connections, class 08 connection exceptions, 57P0x operator intervention, 53xxx insufficient resources):
    /// the same request may succeed later.</summary>
    public static bool IsUnavailable(Exception exception) => exception switch
    {
        PostgresException { SqlState: var state } => state.StartsWith("08", StringComparison.Ordinal)
            || state.StartsWith("57P", StringComparison.Ordinal) || state.StartsWith("53", StringComparison.Ordinal),
        NpgsqlException { InnerException: SocketException or IOException or TimeoutException } => true,
        NpgsqlException { IsTransient: true } => true,
        TimeoutException or SocketException => true,
        _ => false,
    };

    /// <summary>Code of a call that failed because PostgreSQL is unavailable; retry with backoff.</summary>
    public const string ServiceUnavailable = GrainErrorCodes.ServiceUnavailable;

    /// <summary>Code of a call whose content PostgreSQL refused (see <see cref="IsDataError"/>).</summary>
    public const string InvalidRequest = GrainErrorCodes.InvalidRequest;

    /// <summary>What a grain call's caller is told of <paramref name="exception"/>: a <see cref="GrainException"/> with
    /// <see cref="ServiceUnavailable"/> or <see cref="InvalidRequest"/> for PostgreSQL failures, so that callers in every
    /// process see a typed, stable code (never SQL text); anything else unchanged.</summary>
    public static Exception ToCallerError(Exception exception) =>
        exception is GrainException ? exception
        : IsDataError(exception) ? new GrainException(InvalidRequest, "The request contains a value that cannot be stored.")
        : IsUnavailable(exception) ? new GrainException(ServiceUnavailable, "The database is unavailable; try again shortly.")
        : exception;
}
