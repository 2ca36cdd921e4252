using Dapper;
using OrleansRides.Catalog.Interest;
using OrleansRides.Catalog.Sessions;
using OrleansRides.Tests.Shared;

namespace OrleansRides.Catalog.Tests;

[Collection(CatalogCollection.Name)]
public sealed class SessionTests(TestDatabase database)
{
    // The clean-up deletes every session expired by its clock: this clock stays years behind every other test's rows, so
    // a run deletes only what this class made.
    private readonly ManualTimeProvider _clock = new(new DateTimeOffset(2001, 3, 1, 8, 0, 0, TimeSpan.Zero));

    private SessionRepository Sessions => new(database.DataSource, _clock);

    private async Task<bool> ExistsAsync(Guid sessionId)
    {
        await using var connection = await database.DataSource.OpenConnectionAsync();
        return await connection.ExecuteScalarAsync<bool>("SELECT EXISTS (SELECT 1 FROM anonymous_sessions WHERE id = @sessionId)", new { sessionId });
    }

    [Fact]
    public async Task A_fingerprint_finds_its_session_again_and_is_stored_only_as_its_SHA_256()
    {
        var fingerprint = $"browser-{Guid.NewGuid()}";

        var first = await Sessions.GetOrCreateAsync(fingerprint, CancellationToken.None);
        var again = await Sessions.GetOrCreateAsync(fingerprint, CancellationToken.None);
        var other = await Sessions.GetOrCreateAsync(null, CancellationToken.None);
        var concurrent = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => Sessions.GetOrCreateAsync($"{fingerprint}-2", CancellationToken.None)));

        Assert.True(first.Created);
        Assert.False(again.Created);
        Assert.Equal(first.Session.SessionId, again.Session.SessionId);
        Assert.NotEqual(first.Session.SessionId, other.Session.SessionId);
        Assert.Single(concurrent.Select(c => c.Session.SessionId).Distinct());
        Assert.Single(concurrent, c => c.Created);
        await using var connection = await database.DataSource.OpenConnectionAsync();
        var stored = await connection.ExecuteScalarAsync<byte[]>("SELECT fingerprint_hash FROM anonymous_sessions WHERE id = @SessionId", first.Session);
        Assert.Equal(SessionRules.FingerprintHash(fingerprint), stored);
        Assert.Equal(32, stored!.Length);
    }

    [Fact]
    public async Task Use_slides_the_expiry_to_30_days_at_most_once_a_minute_and_an_expired_session_is_gone()
    {
        var createdAt = _clock.GetUtcNow().UtcDateTime;
        var created = (await Sessions.GetOrCreateAsync(null, CancellationToken.None)).Session;
        _clock.Advance(TimeSpan.FromSeconds(59));
        var soon = await Sessions.UseAsync(created.SessionId, CancellationToken.None);
        _clock.Advance(TimeSpan.FromSeconds(1));
        var aMinuteLater = await Sessions.UseAsync(created.SessionId, CancellationToken.None);
        _clock.Advance(SessionRules.Lifetime);
        var expired = await Sessions.UseAsync(created.SessionId, CancellationToken.None);

        Assert.Equal(createdAt + SessionRules.Lifetime, created.ExpiresAt);
        Assert.Equal(created.ExpiresAt, soon!.ExpiresAt);
        Assert.Equal(created.ExpiresAt + TimeSpan.FromMinutes(1), aMinuteLater!.ExpiresAt);
        Assert.Null(expired);
        Assert.Null(await Sessions.UseAsync(Guid.NewGuid(), CancellationToken.None));
    }

    [Fact]
    public async Task Clean_up_deletes_expired_sessions_with_their_interest_and_keeps_those_interested_in_rides_still_to_come()
    {
        var interest = new InterestRepository(database.DataSource, _clock);
        var job = new SessionCleanupJob(database.DataSource, _clock);
        var active = (await Sessions.GetOrCreateAsync(null, CancellationToken.None)).Session.SessionId;
        var pastRideFan = (await Sessions.GetOrCreateAsync(null, CancellationToken.None)).Session.SessionId;
        var upcomingRideFan = (await Sessions.GetOrCreateAsync(null, CancellationToken.None)).Session.SessionId;
        var pastRide = await SqlCatalogRows.InsertRideAsync(database.DataSource, _clock.GetUtcNow().AddDays(20));
        var upcomingRide = await SqlCatalogRows.InsertRideAsync(database.DataSource, _clock.GetUtcNow().AddDays(45));
        await interest.AddAsync(pastRide, pastRideFan, CancellationToken.None);
        await interest.AddAsync(upcomingRide, upcomingRideFan, CancellationToken.None);

        _clock.Advance(TimeSpan.FromDays(29));
        await Sessions.UseAsync(active, CancellationToken.None);
        _clock.Advance(TimeSpan.FromDays(2));
        var firstRun = await job.DeleteExpiredAsync(CancellationToken.None);
        var secondRun = await job.DeleteExpiredAsync(CancellationToken.None);

        // Other tests of this class leave sessions expired by this clock too; what matters is which of these three go.
        Assert.True(firstRun >= 1);
        Assert.Equal(0, secondRun);
        Assert.False(await ExistsAsync(pastRideFan));
        Assert.Equal(0, await interest.CountAsync(pastRide, CancellationToken.None));
        Assert.True(await ExistsAsync(active));
        Assert.True(await ExistsAsync(upcomingRideFan));
        Assert.Null(await Sessions.UseAsync(upcomingRideFan, CancellationToken.None));
        Assert.Equal(1, await interest.CountAsync(upcomingRide, CancellationToken.None));

        _clock.Advance(TimeSpan.FromDays(15));
        await job.RunAsync(CancellationToken.None);

        Assert.False(await ExistsAsync(upcomingRideFan));
        Assert.Equal(0, await interest.CountAsync(upcomingRide, CancellationToken.None));
    }

    [Fact]
    public async Task An_expired_session_kept_for_its_interest_gives_its_fingerprint_to_a_new_session()
    {
        var fingerprint = $"browser-{Guid.NewGuid()}";
        var old = (await Sessions.GetOrCreateAsync(fingerprint, CancellationToken.None)).Session;
        _clock.Advance(SessionRules.Lifetime + TimeSpan.FromSeconds(1));

        var renewed = await Sessions.GetOrCreateAsync(fingerprint, CancellationToken.None);

        Assert.True(renewed.Created);
        Assert.NotEqual(old.SessionId, renewed.Session.SessionId);
        Assert.True(await ExistsAsync(old.SessionId));
    }
}
