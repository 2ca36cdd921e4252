using Microsoft.Extensions.Options;
using OrleansRides.Runtime.Cluster;
using OrleansRides.Tests.Shared;

namespace OrleansRides.Cluster.Tests;

[Collection(ClusterCollection.Name)]
public sealed class MembershipTableTests(TestDatabase database)
{
    [Fact]
    public async Task A_view_never_pairs_old_rows_with_a_newer_table_version()
    {
        // Each registration adds one row and bumps the table version once, so a consistent view has Version == rows.
        var options = Options.Create(new ClusterOptions { ClusterId = $"view-{Guid.NewGuid():N}"[..17] });
        var writer = new MembershipTable(database.DataSource, options);
        var reader = new MembershipTable(database.DataSource, options);
        using var done = new CancellationTokenSource();
        var inconsistent = new List<string>();
        var reads = 0;
        var reading = Task.Run(async () =>
        {
            while (!done.IsCancellationRequested)
            {
                var view = await reader.ReadAsync(CancellationToken.None);
                reads++;
                if (view.Version != view.Silos.Count)
                {
                    inconsistent.Add($"version {view.Version} with {view.Silos.Count} rows");
                }
            }
        });

        for (var i = 0; i < 200; i++)
        {
            await writer.RegisterAsync($"silo-{i:000}", $"queue-{i}", CancellationToken.None);
        }
        await done.CancelAsync();
        await reading;

        Assert.True(reads > 50, $"only {reads} reads overlapped the writes");
        Assert.Empty(inconsistent);
    }
}
