namespace OrleansRides.Tests.Shared;

/// <summary>Ids the catalog migrations seed (<c>sql/008_catalog.sql</c>, <c>sql/009_example_routes.sql</c>).</summary>
public static class SeededCatalog
{
    /// <summary>Berlin, Europe/Berlin.</summary>
    public static readonly Guid Berlin = Guid.Parse("0192f0a0-0000-7000-8000-000000000001");

    /// <summary>Berlin's id as it appears in JSON bodies.</summary>
    public const string BerlinJson = "0192f0a0-0000-7000-8000-000000000001";

    /// <summary>Melbourne, Australia/Melbourne.</summary>
    public static readonly Guid Melbourne = Guid.Parse("0192f0a0-0000-7000-8000-000000000003");

    /// <summary>The tag "School run".</summary>
    public static readonly Guid SchoolRun = Guid.Parse("0192f0a0-0000-7000-8000-000000000101");

    /// <summary>The tag "Commute".</summary>
    public static readonly Guid Commute = Guid.Parse("0192f0a0-0000-7000-8000-000000000102");
}
