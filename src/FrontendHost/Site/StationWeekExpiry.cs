using Microsoft.AspNetCore.OutputCaching;
using NodaTime;
using OrleansRides.Site.Programs;

namespace OrleansRides.FrontendHost.Site;

/// <summary>Caps a cached schedule's lifetime at the station's next local Monday 00:00: <c>weekOffset=0</c> means another
/// week from then, so a copy cached on Sunday evening must not be served on Monday morning (its 24 h lifetime alone would
/// allow it).</summary>
public sealed class StationWeekExpiry(StationClock clock) : IOutputCachePolicy
{
    /// <inheritdoc />
    public ValueTask CacheRequestAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        var now = clock.Now;
        var nextMonday = clock.Schedule.WeekStart(now, 1).AtStartOfDayInZone(clock.Zone).ToInstant();
        var untilWeekEnds = (nextMonday - now).ToTimeSpan();
        if (context.ResponseExpirationTimeSpan is not { } lifetime || untilWeekEnds < lifetime)
        {
            context.ResponseExpirationTimeSpan = untilWeekEnds;
        }
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask ServeFromCacheAsync(OutputCacheContext context, CancellationToken cancellation) => ValueTask.CompletedTask;

    /// <inheritdoc />
    public ValueTask ServeResponseAsync(OutputCacheContext context, CancellationToken cancellation) => ValueTask.CompletedTask;
}
