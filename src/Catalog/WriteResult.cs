namespace OrleansRides.Catalog;

/// <summary>Why a catalog write did not happen.</summary>
public enum WriteFailure
{
    /// <summary>It happened.</summary>
    None,
    /// <summary>No row has that id.</summary>
    NotFound,
    /// <summary>Another row of the same kind has that slug (a unique index).</summary>
    SlugTaken,
    /// <summary>Other rows still reference it (a foreign key), so it cannot be deleted.</summary>
    InUse,
}

/// <summary>The outcome of a catalog write: the row as stored, or why there is none.</summary>
/// <param name="Value">The stored row; null when <paramref name="Failure"/> is not <see cref="WriteFailure.None"/>.</param>
/// <param name="Failure">Why nothing was written.</param>
public sealed record WriteResult<T>(T? Value, WriteFailure Failure)
    where T : class
{
    /// <summary>A write that happened.</summary>
    public static WriteResult<T> Done(T value) => new(value, WriteFailure.None);

    /// <summary>A write that did not.</summary>
    public static WriteResult<T> Failed(WriteFailure failure) => new(null, failure);
}
