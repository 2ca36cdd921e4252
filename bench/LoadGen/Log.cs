using System.Text.Json;

namespace OrleansRides.LoadGen;

/// <summary>Progress lines on stdout (load.mjs indents and forwards them); the result goes to --out only.</summary>
internal static class Log
{
    public static void Line(string text) => Console.WriteLine($"    {text}");

    public static void Step(object step) => Line(JsonSerializer.Serialize(step));
}
