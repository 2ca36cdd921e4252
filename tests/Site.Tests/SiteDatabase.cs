using OrleansRides.Tests.Shared;

namespace OrleansRides.Site.Tests;

/// <summary>The site tests share one migrated PostgreSQL (<see cref="TestDatabase"/>); each test makes its own rows, with
/// unique slugs and names, so that tests never depend on each other's data.</summary>
[CollectionDefinition(Name)]
public sealed class SiteCollection : ICollectionFixture<TestDatabase>
{
    /// <summary>The collection's name.</summary>
    public const string Name = "site";
}
