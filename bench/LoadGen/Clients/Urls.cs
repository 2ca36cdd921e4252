namespace OrleansRides.LoadGen.Clients;

/// <summary>Hands out the system's frontends in turn, so connections spread evenly over them (cluster: two).</summary>
internal sealed class UrlRotation(IReadOnlyList<Uri> urls)
{
    private int _next = -1;

    /// <summary>The first frontend, for REST calls made once.</summary>
    public Uri First => urls[0];

    /// <summary>The next frontend in turn.</summary>
    public Uri Next() => urls[(int)((uint)Interlocked.Increment(ref _next) % urls.Count)];

    /// <summary>The WebSocket URI of <paramref name="pathAndQuery"/> on <paramref name="baseUrl"/>.</summary>
    public static Uri WebSocket(Uri baseUrl, string pathAndQuery) =>
        new(new Uri(baseUrl.AbsoluteUri.Replace("http", "ws", StringComparison.Ordinal)), pathAndQuery);
}
