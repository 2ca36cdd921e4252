namespace OrleansRides.Site;

/// <summary>Timestamps as the site's contracts carry them.</summary>
public static class SiteTime
{
    /// <summary>A <c>timestamptz</c> as Npgsql reads it (a UTC <see cref="DateTime"/>) as a UTC <see cref="DateTimeOffset"/>.</summary>
    public static DateTimeOffset Utc(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc));

    /// <summary>The instant cut to PostgreSQL's microseconds, so what a write answers equals what a later read returns.</summary>
    public static DateTimeOffset Microseconds(DateTimeOffset value) => value.AddTicks(-(value.Ticks % 10));
}
