using System.Reflection;

namespace OrleansRides.Runtime.Tests;

/// <summary>The runtime's layers as the compiler leaves them (issue 13, docs/architecture.md): abstractions on the base
/// class library alone, a core that knows no provider, PostgreSQL below the cluster, and contracts on the abstractions
/// only. Read from the built assemblies' references, so a using added in the wrong layer fails here.</summary>
public sealed class RuntimeLayersTests
{
    private static readonly string[] Providers = ["Npgsql", "Dapper", "RabbitMQ.Client", "OrleansRides.Runtime.Postgres", "OrleansRides.Runtime.Cluster"];

    [Fact]
    public void The_abstractions_depend_on_the_base_class_library_alone()
    {
        Assert.All(ReferencesOf("OrleansRides.Runtime.Abstractions"), name =>
            Assert.True(name is "System.Runtime" or "netstandard" || name.StartsWith("System.", StringComparison.Ordinal), $"references {name}"));
    }

    [Fact]
    public void The_core_references_no_database_broker_or_provider_layer()
    {
        Assert.Empty(ReferencesOf("OrleansRides.Runtime").Intersect(Providers));
    }

    [Fact]
    public void The_postgres_layer_knows_nothing_of_the_cluster_or_the_broker()
    {
        Assert.Empty(ReferencesOf("OrleansRides.Runtime.Postgres").Intersect(["RabbitMQ.Client", "OrleansRides.Runtime.Cluster"]));
    }

    [Fact]
    public void Grain_contracts_reference_the_abstractions_and_no_runtime_layer()
    {
        var references = ReferencesOf("OrleansRides.GrainInterfaces");

        Assert.Contains("OrleansRides.Runtime.Abstractions", references);
        Assert.Empty(references.Intersect([.. Providers, "OrleansRides.Runtime"]));
    }

    private static string[] ReferencesOf(string assembly) =>
        [.. Assembly.Load(assembly).GetReferencedAssemblies().Select(a => a.Name!)];
}
