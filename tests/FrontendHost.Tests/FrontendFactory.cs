using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using OrleansRides.Tests.Shared;

namespace OrleansRides.FrontendHost.Tests;

/// <summary>The real FrontendHost (embedded silo included) on the test server, against real PostgreSQL.</summary>
public sealed class FrontendFactory : WebApplicationFactory<Program>
{
    /// <summary>A request header the test server takes as the client's address (the test server has none of its own).</summary>
    public const string ClientAddressHeader = "X-Test-Client-Address";

    // Periodic jobs stay off: a test runs the one it exercises itself, so jobs never touch another test's rows mid-test.
    // Every request of a test host comes from one address, so the global per-address limit is lifted; the test of the
    // limit sets its own.
    private readonly Dictionary<string, string?> _settings = new()
    {
        ["DATABASE_URL"] = TestDatabase.ConnectionString, ["Jobs:Enabled"] = "false", ["RateLimits:RequestsPerHour"] = "1000000",
    };

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
        builder.ConfigureServices(services => services.AddSingleton<IStartupFilter, ClientAddressFromHeader>());
    }

    private sealed class ClientAddressFromHeader : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                if (IPAddress.TryParse(context.Request.Headers[ClientAddressHeader], out var address))
                {
                    context.Connection.RemoteIpAddress = address;
                }
                return nextMiddleware(context);
            });
            next(app);
        };
    }
}

[CollectionDefinition(Name)]
public sealed class FrontendCollection : ICollectionFixture<TestDatabase>
{
    public const string Name = "frontend";
}
