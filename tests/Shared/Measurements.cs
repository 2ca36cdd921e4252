namespace OrleansRides.Tests.Shared;

/// <summary>Figures a test measured (detection and recovery times, throughput under stress), appended to
/// <c>$TEST_RESULTS_DIR/measurements.log</c> so that <c>./test</c> can print them: the test runner hides the output of
/// passing tests. They are reported, not asserted beyond the bounds the tests state.</summary>
public static class Measurements
{
    private static readonly Lock Gate = new();

    public static void Record(string line)
    {
        Console.WriteLine(line);
        if (Environment.GetEnvironmentVariable("TEST_RESULTS_DIR") is { Length: > 0 } directory)
        {
            lock (Gate)
            {
                File.AppendAllText(Path.Combine(directory, "measurements.log"), $"{line}{Environment.NewLine}");
            }
        }
    }
}
