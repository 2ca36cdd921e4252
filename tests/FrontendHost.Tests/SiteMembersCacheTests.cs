using Microsoft.AspNetCore.OutputCaching;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using OrleansRides.Tests.Shared;
using static OrleansRides.FrontendHost.Tests.Accounts;
using static OrleansRides.FrontendHost.Tests.CatalogCalls;
using static OrleansRides.FrontendHost.Tests.SiteMembersCalls;

namespace OrleansRides.FrontendHost.Tests;

/// <summary>Issue 10: a testimonial decision evicts the cached homepage (which shows the latest approved testimonials)
/// once it is stored; a refused decision evicts nothing.</summary>
[Collection(FrontendCollection.Name)]
public sealed class SiteMembersCacheTests(TestDatabase database) : FrontendTest(database, Unlimited())
{
    private readonly RecordingStore _store = new();
    private HttpClient _client = null!;

    // Only the derived frontend starts (FrontendTest's own client is not made), so one silo runs, not two.
    public override Task InitializeAsync()
    {
        // The decisions are observed at the cache store, whatever else (another frontend, the topic bus) hears of them.
        // The derived factory is disposed with Factory.
        _client = Factory.WithWebHostBuilder(web => web.ConfigureTestServices(services => services.AddSingleton<IOutputCacheStore>(_store)))
            .CreateClient();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Approving_and_rejecting_evict_the_homepage()
    {
        var editor = await WithRoleAsync(_client, "editor");
        var approve = await SubmitTestimonialAsync(_client);
        var reject = await SubmitTestimonialAsync(_client);
        var outcomes = new List<string>();
        async Task Decide(string path)
        {
            _store.Evicted.Clear();
            var outcome = await OutcomeAsync(await CallAsync(_client, HttpMethod.Post, path, editor));
            outcomes.Add($"{outcome} evicted [{string.Join(',', _store.Evicted)}]");
        }

        await Decide($"/api/v1/testimonials/{approve}/approve");
        await Decide($"/api/v1/testimonials/{reject}/reject");
        await Decide($"/api/v1/testimonials/{approve}/reject");
        await Decide($"/api/v1/testimonials/{Guid.NewGuid()}/approve");

        Assert.Equal(
        [
            "200 evicted [site:homepage]", "200 evicted [site:homepage]", "409 TESTIMONIAL_DECIDED evicted []", "404 TESTIMONIAL_NOT_FOUND evicted []",
        ], outcomes);
    }

    /// <summary>A cache store that keeps nothing and records the tags evicted.</summary>
    private sealed class RecordingStore : IOutputCacheStore
    {
        public List<string> Evicted { get; } = [];

        public ValueTask EvictByTagAsync(string tag, CancellationToken cancellationToken)
        {
            lock (Evicted)
            {
                Evicted.Add(tag);
            }
            return ValueTask.CompletedTask;
        }

        public ValueTask<byte[]?> GetAsync(string key, CancellationToken cancellationToken) => ValueTask.FromResult<byte[]?>(null);

        public ValueTask SetAsync(string key, byte[] value, string[]? tags, TimeSpan validFor, CancellationToken cancellationToken) => ValueTask.CompletedTask;
    }
}
