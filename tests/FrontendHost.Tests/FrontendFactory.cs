using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using OrleansRides.Tests.Shared;

namespace OrleansRides.FrontendHost.Tests;

/// <summary>The real FrontendHost (embedded silo included) on the test server, against real PostgreSQL.</summary>
public sealed class FrontendFactory : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string?> _settings = new() { ["DATABASE_URL"] = TestDatabase.ConnectionString };

    public FrontendFactory With(string key, string? value)
    {
        _settings[key] = value;
        return this;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }
    }
}

[CollectionDefinition(Name)]
public sealed class FrontendCollection : ICollectionFixture<TestDatabase>
{
    public const string Name = "frontend";
}
