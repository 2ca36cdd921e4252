namespace OrleansRides.Grains.Sessions;

/// <summary>What <see cref="SessionGrain"/> reads from PostgreSQL.</summary>
public interface ISessionStore
{
    /// <summary>The rides the session has a <c>ride_interest</c> row for (at most <paramref name="limit"/>).</summary>
    Task<IReadOnlyList<Guid>> LoadInterestsAsync(Guid sessionId, int limit, CancellationToken cancellationToken);
}
