using System.Diagnostics;

namespace OrleansRides.LoadGen;

/// <summary>The server's memory at a measuring point: RSS (over its processes and their descendants) read after a settle
/// pause, and the live heap after a full collection from the <c>--heap-command</c> (bench/heap-bytes PID for .NET, the
/// baselines' <c>GET /heap</c> for Node). Figures only ever taken after the settle pause, so that memory a collector has
/// not yet returned is not read as a saving later.</summary>
internal sealed class MemoryProbe(IReadOnlyList<int> appPids, string? heapCommand, int settleMs)
{
    /// <summary>RSS bytes and live heap bytes (null without a heap command). Throws <see cref="InvalidOperationException"/>
    /// when the heap command fails or prints no integer.</summary>
    public async Task<(long RssBytes, long? HeapBytes)> MeasureAsync()
    {
        await Task.Delay(settleMs).ConfigureAwait(false);
        var heap = heapCommand is null ? (long?)null : await HeapBytesAsync(heapCommand).ConfigureAwait(false);
        // RSS after the heap command: its full collection may have returned pages.
        return (ProcStat.Usage(appPids).RssBytes, heap);
    }

    private static async Task<long> HeapBytesAsync(string command)
    {
        var start = new ProcessStartInfo("/bin/sh", ["-c", command]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start '{command}'");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().ConfigureAwait(false);
        var text = (await output.ConfigureAwait(false)).Trim();
        if (process.ExitCode != 0 || !long.TryParse(text, out var bytes))
        {
            throw new InvalidOperationException($"heap command '{command}' exited {process.ExitCode} with '{text}': {await errors.ConfigureAwait(false)}");
        }
        return bytes;
    }
}
