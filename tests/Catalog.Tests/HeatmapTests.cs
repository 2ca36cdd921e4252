using Dapper;
using OrleansRides.Catalog.Demand;
using OrleansRides.Tests.Shared;

namespace OrleansRides.Catalog.Tests;

[Collection(CatalogCollection.Name)]
public sealed class HeatmapTests(TestDatabase database) : IAsyncLifetime
{
    private readonly ManualTimeProvider _clock = new();
    private readonly Guid _region = Guid.CreateVersion7();

    private DemandRepository Demand => new(database.DataSource, _clock);

    // A region of its own per test, so the counts are only this test's requests.
    public async Task InitializeAsync()
    {
        await using var connection = await database.DataSource.OpenConnectionAsync();
        await connection.ExecuteAsync(
            """
            INSERT INTO regions (id, name, slug, time_zone, center_lat, center_lng, bbox_south, bbox_west, bbox_north, bbox_east)
            VALUES (@_region, 'Heatmap test', @slug, 'Europe/Berlin', 52.52, 13.40, 52.3, 13.0, 52.7, 13.8)
            """, new { _region, slug = $"heatmap-{_region:N}" });
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private Task<DemandView> RequestAsync(double startLat, double startLng, double endLat, double endLng, Guid? session = null) =>
        Demand.CreateAsync(new CreateDemandRequest(new(startLat, startLng, "home"), new(endLat, endLng, null), [1, 2], ["07:00-09:00"],
            _region, null, null), session, CancellationToken.None);

    [Fact]
    public async Task Two_requests_in_a_cell_are_hidden_and_a_third_shows_the_cell_with_its_centre_and_counts()
    {
        // Starts in cell (5252, 1340) of 0.01°, ends in (5250, 1338): 52.5200 lies on a cell edge and belongs to the cell above it.
        await RequestAsync(52.5200, 13.4010, 52.5050, 13.3850);
        await RequestAsync(52.5299, 13.4099, 52.5001, 13.3801);
        var withTwo = await Demand.HeatmapAsync(_region, 0.01m, CancellationToken.None);
        await RequestAsync(52.5250, 13.4050, 52.5099, 13.3899);
        var withThree = await Demand.HeatmapAsync(_region, 0.01m, CancellationToken.None);

        Assert.Empty(withTwo!.Cells);
        Assert.Equal(0.01m, withThree!.Cell);
        Assert.Equal([new HeatmapCell(52.505, 13.385, 0, 3), new HeatmapCell(52.525, 13.405, 3, 0)], withThree.Cells);
    }

    [Fact]
    public async Task A_count_below_three_requesters_is_shown_as_zero_beside_one_that_reaches_three()
    {
        for (var i = 0; i < 3; i++)
        {
            await RequestAsync(52.455, 13.455, 52.401, 13.401);
        }
        await RequestAsync(52.405, 13.405, 52.405, 13.405);
        await RequestAsync(52.405, 13.405, 52.405, 13.405);

        var heatmap = await Demand.HeatmapAsync(_region, 0.01m, CancellationToken.None);

        // Cell (5240, 1340): five ends and two starts (the last two requests); the starts stay hidden.
        Assert.Equal([new HeatmapCell(52.405, 13.405, 0, 5), new HeatmapCell(52.455, 13.455, 3, 0)], heatmap!.Cells);
    }

    [Fact]
    public async Task One_session_asking_three_times_from_one_place_is_still_one_requester()
    {
        var session = await SqlCatalogRows.InsertSessionAsync(database.DataSource, _clock.GetUtcNow().AddDays(30));
        for (var i = 0; i < 3; i++)
        {
            await RequestAsync(52.6101, 13.7101, 52.6101, 13.7101, session);
        }
        var oneRequester = await Demand.HeatmapAsync(_region, 0.01m, CancellationToken.None);
        await RequestAsync(52.6102, 13.7102, 52.6102, 13.7102);
        await RequestAsync(52.6103, 13.7103, 52.6103, 13.7103);

        Assert.Empty(oneRequester!.Cells);
        Assert.Equal([new HeatmapCell(52.615, 13.715, 5, 5)], (await Demand.HeatmapAsync(_region, 0.01m, CancellationToken.None))!.Cells);
    }

    [Fact]
    public async Task Coarser_cells_merge_points_and_southern_western_coordinates_floor_towards_minus_infinity()
    {
        await RequestAsync(52.41, 13.41, 52.41, 13.41);
        await RequestAsync(52.49, 13.49, 52.49, 13.49);
        await RequestAsync(52.45, 13.45, 52.45, 13.45);

        var coarse = await Demand.HeatmapAsync(_region, 0.1m, CancellationToken.None);
        var fine = await Demand.HeatmapAsync(_region, 0.001m, CancellationToken.None);

        Assert.Equal([new HeatmapCell(52.45, 13.45, 3, 3)], coarse!.Cells);
        Assert.Empty(fine!.Cells);
        Assert.Null(await Demand.HeatmapAsync(Guid.NewGuid(), 0.01m, CancellationToken.None));
    }
}
