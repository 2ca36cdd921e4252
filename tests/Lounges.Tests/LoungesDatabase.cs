using OrleansRides.Tests.Shared;

namespace OrleansRides.Lounges.Tests;

/// <summary>The lounge platform's tests share one migrated PostgreSQL (<see cref="TestDatabase"/>); each test makes its own
/// users, lounges and listings, so that tests never depend on each other's data.</summary>
[CollectionDefinition(Name)]
public sealed class LoungesCollection : ICollectionFixture<TestDatabase>
{
    /// <summary>The collection's name.</summary>
    public const string Name = "lounges";
}
