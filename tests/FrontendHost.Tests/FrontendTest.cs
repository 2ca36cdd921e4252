using OrleansRides.Tests.Shared;

namespace OrleansRides.FrontendHost.Tests;

/// <summary>A test class with one frontend of its own (xunit makes an instance per test, so one frontend per test) and a
/// client for it; the frontend is disposed after the test. The database fixture comes in to make sure the schema exists.</summary>
public abstract class FrontendTest(TestDatabase database, FrontendFactory factory) : IAsyncLifetime
{
    /// <summary>The shared PostgreSQL fixture.</summary>
    protected TestDatabase Database { get; } = database;

    /// <summary>This test's frontend.</summary>
    protected FrontendFactory Factory { get; } = factory;

    /// <summary>A client of <see cref="Factory"/>.</summary>
    protected HttpClient Client { get; private set; } = null!;

    /// <inheritdoc />
    public virtual Task InitializeAsync()
    {
        Client = Factory.CreateClient();
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public virtual async Task DisposeAsync() => await Factory.DisposeAsync();
}
