using System.Diagnostics;

namespace OrleansRides.LoadGen;

/// <summary>CPU seconds and RSS of processes and all their descendants (PostgreSQL serves each connection from a child
/// of the postmaster), from /proc.</summary>
internal static class ProcStat
{
    /// <summary>Clock ticks per second of /proc/PID/stat's utime and stime (USER_HZ, 100 on Linux).</summary>
    private const double TicksPerSecond = 100;

    /// <summary>Summed CPU seconds (user + system) and resident bytes of <paramref name="roots"/> and their descendants.
    /// Each process's reaped children count too (cutime + cstime), so when a PostgreSQL backend exits during a step its
    /// CPU time moves to the postmaster instead of vanishing from the sum (which made a step's infra CPU negative).
    /// A process that ended and was not yet reaped counts as nothing.</summary>
    public static (double CpuSeconds, long RssBytes) Usage(IReadOnlyList<int> roots)
    {
        double cpu = 0;
        long rss = 0;
        foreach (var pid in WithDescendants(roots))
        {
            var fields = StatFields(pid);
            if (fields is null)
            {
                continue;
            }
            cpu += (long.Parse(fields[11]) + long.Parse(fields[12]) + long.Parse(fields[13]) + long.Parse(fields[14])) / TicksPerSecond;
            rss += StatusValue(pid, "VmRSS:") is { } kb ? long.Parse(kb.Split(' ')[0]) * 1024 : 0;
        }
        return (cpu, rss);
    }

    /// <summary>This process's allowed CPUs as the kernel reports them ("1", "0-1"); LoadGen inherits bench/run's pinning.</summary>
    public static string? OwnAffinity() => StatusValue(Environment.ProcessId, "Cpus_allowed_list:");

    /// <summary>This process's CPU seconds so far.</summary>
    public static double OwnCpuSeconds() => Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds;

    private static HashSet<int> WithDescendants(IReadOnlyList<int> roots)
    {
        var parents = new Dictionary<int, int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(dir), out var pid) && StatFields(pid) is { } fields)
            {
                parents[pid] = int.Parse(fields[1]);
            }
        }
        var all = new HashSet<int>(roots);
        for (var grew = true; grew;)
        {
            grew = false;
            foreach (var (pid, parent) in parents)
            {
                if (all.Contains(parent) && all.Add(pid))
                {
                    grew = true;
                }
            }
        }
        return all;
    }

    private static string? StatusValue(int pid, string key)
    {
        try
        {
            var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith(key, StringComparison.Ordinal));
            return line?[key.Length..].Trim();
        }
        catch (IOException)
        {
            return null;
        }
    }

    // The fields after the command name (which may hold spaces): [0] state, [1] parent PID, [11] utime, [12] stime,
    // [13] cutime, [14] cstime (of waited-for children).
    private static string[]? StatFields(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        }
        catch (IOException)
        {
            return null;
        }
    }
}
