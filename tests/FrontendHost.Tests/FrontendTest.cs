using System.Collections.Concurrent;
using OrleansRides.Tests.Shared;

namespace OrleansRides.FrontendHost.Tests;

/// <summary>A test class with a frontend and a client for it. By default each test has a frontend of its own (xunit makes an
/// instance per test), disposed after the test. A class whose tests only read or send input that leaves no state behind
/// (the hostile-input tables) passes <c>sharedByClass: true</c>: its tests then share one frontend, started by the first
/// and left running to the end of the test run — starting a frontend costs close to a second, and these classes have
/// dozens of cases. The database fixture comes in to make sure the schema exists.</summary>
public abstract class FrontendTest : IAsyncLifetime
{
    private static readonly ConcurrentDictionary<Type, FrontendFactory> SharedByClass = new();
    private readonly bool _shared;

    /// <summary>Takes <paramref name="factory"/> as this test's frontend, or with <paramref name="sharedByClass"/> the one the
    /// class's first test took (a later test's own factory, never started, is disposed at once).</summary>
    protected FrontendTest(TestDatabase database, FrontendFactory factory, bool sharedByClass = false)
    {
        Database = database;
        _shared = sharedByClass;
        Factory = sharedByClass ? SharedByClass.GetOrAdd(GetType(), factory) : factory;
        if (!ReferenceEquals(Factory, factory))
        {
            factory.Dispose();
        }
    }

    /// <summary>The shared PostgreSQL fixture.</summary>
    protected TestDatabase Database { get; }

    /// <summary>This test's frontend.</summary>
    protected FrontendFactory Factory { get; }

    /// <summary>A client of <see cref="Factory"/>.</summary>
    protected HttpClient Client { get; private set; } = null!;

    /// <inheritdoc />
    public virtual Task InitializeAsync()
    {
        Client = Factory.CreateClient();
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public virtual async Task DisposeAsync()
    {
        if (!_shared)
        {
            await Factory.DisposeAsync();
        }
    }
}
