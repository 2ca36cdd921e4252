using System.Diagnostics;

namespace OrleansRides.LoadGen.Tests;

public sealed class ProcStatTests
{
    [Fact]
    public async Task A_child_that_burned_cpu_and_exited_still_counts_in_its_parents_total()
    {
        // A shell starts a child that burns a fixed amount of CPU (about 0.6 s here, however long a loaded machine makes it
        // take), waits for it (reaping it), marks that it did and sleeps: the way a postmaster outlives a backend that
        // served one connection.
        var reaped = Path.Combine(Path.GetTempPath(), $"procstat-{Guid.NewGuid():N}");
        using var parent = Process.Start(new ProcessStartInfo("/bin/bash",
            ["-c", $"bash -c 'for ((i=0;i<400000;i++)); do :; done'; touch {reaped}; sleep 60"]))!;
        try
        {
            double whileRunning = 0;
            var deadline = DateTime.UtcNow.AddSeconds(50);
            while (!File.Exists(reaped) && DateTime.UtcNow < deadline)
            {
                whileRunning = Math.Max(whileRunning, ProcStat.Usage([parent.Id]).CpuSeconds);
                await Task.Delay(50);
            }
            Assert.True(File.Exists(reaped), "the busy child ended within 50 s");

            var afterReaping = ProcStat.Usage([parent.Id]).CpuSeconds;

            Assert.True(afterReaping >= whileRunning, $"the tree's total fell from {whileRunning} s to {afterReaping} s when the child exited");
            Assert.True(afterReaping >= 0.3, $"the child's CPU time counts after it exited ({afterReaping} s)");
        }
        finally
        {
            parent.Kill(entireProcessTree: true);
            File.Delete(reaped);
        }
    }
}
