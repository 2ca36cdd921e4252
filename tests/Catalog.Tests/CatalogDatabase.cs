using OrleansRides.Tests.Shared;

namespace OrleansRides.Catalog.Tests;

/// <summary>The catalog tests share one migrated PostgreSQL (<see cref="TestDatabase"/>); each test makes its own rows.</summary>
[CollectionDefinition(Name)]
public sealed class CatalogCollection : ICollectionFixture<TestDatabase>
{
    /// <summary>The collection's name.</summary>
    public const string Name = "catalog";
}
