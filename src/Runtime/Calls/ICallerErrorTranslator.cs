namespace OrleansRides.Runtime.Calls;

/// <summary>Turns a provider's failure thrown inside a grain turn (a database that is down, a value it refuses) into the
/// typed <see cref="GrainException"/> that the call's caller sees, so that callers in every process get a stable code and
/// never a provider's text. Providers register one each (OrleansRides.Runtime.Postgres registers PostgreSQL's); the core
/// knows none of them.</summary>
public interface ICallerErrorTranslator
{
    /// <summary>The error to hand the caller instead of <paramref name="exception"/>, or null when this provider does not
    /// recognise it.</summary>
    GrainException? Translate(Exception exception);
}
