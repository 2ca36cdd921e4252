namespace OrleansRides.LoadGen;

/// <summary>CPU seconds and RSS of processes and all their descendants, from /proc.</summary>
internal static class ProcStat
{
    public static (double CpuSeconds, long RssBytes) Usage(IReadOnlyList<int> roots)
    {
        var parents = new Dictionary<int, int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid)) continue;
            var fields = Fields(pid);
            if (fields is not null) parents[pid] = int.Parse(fields[1]);
        }
        var all = new HashSet<int>(roots);
        for (var grew = true; grew;)
        {
            grew = false;
            foreach (var (pid, parent) in parents) if (all.Contains(parent) && all.Add(pid)) grew = true;
        }
        double cpu = 0; long rss = 0;
        foreach (var pid in all)
        {
            var fields = Fields(pid);
            if (fields is null) continue;
            cpu += (long.Parse(fields[11]) + long.Parse(fields[12])) / 100.0;
            try
            {
                foreach (var line in File.ReadLines($"/proc/{pid}/status"))
                    if (line.StartsWith("VmRSS:", StringComparison.Ordinal)) rss += long.Parse(line[6..].Trim().Split(' ')[0]) * 1024;
            }
            catch (IOException) { }
        }
        return (cpu, rss);
    }

    private static string[]? Fields(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        }
        catch (Exception) { return null; }
    }
}
