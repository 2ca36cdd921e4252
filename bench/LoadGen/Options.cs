using System.Text.Json.Nodes;

namespace OrleansRides.LoadGen;

/// <summary>A missing, unknown or invalid command-line option; the message names it. Program prints it with the usage
/// text and exits with status 2.</summary>
internal sealed class UsageException(string message) : Exception(message);

/// <summary>The command line of the generator (see README.md for each option).</summary>
/// <param name="Protocol">The wire protocol of the system under test.</param>
/// <param name="Scenario">rides, radio, idle or scale.</param>
/// <param name="Urls">Base HTTP URLs of the system's frontends; connections are spread over them in turn.</param>
/// <param name="Plan">The plan object of bench/load.mjs (FULL or QUICK shape).</param>
/// <param name="GpxPath">The recorded track the leaders replay.</param>
/// <param name="AppPids">Server processes (with their descendants) whose CPU and RSS are measured.</param>
/// <param name="InfraPids">Services the server uses (PostgreSQL, RabbitMQ, redis), CPU measured apart.</param>
/// <param name="HeapCommand">A shell command printing one integer, the live heap bytes; null: not measured.</param>
/// <param name="OutPath">Where the result JSON is written.</param>
internal sealed record LoadGenOptions(
    Wire Protocol, string Scenario, IReadOnlyList<Uri> Urls, JsonObject Plan, string GpxPath,
    IReadOnlyList<int> AppPids, IReadOnlyList<int> InfraPids, string? HeapCommand, string OutPath)
{
    /// <summary>Unrecorded seconds at the first rate before a ladder (plan <c>warmupSeconds</c>, default 1).</summary>
    public double WarmupSeconds => Optional("warmupSeconds", 1);

    /// <summary>Milliseconds waited after a step's last send for deliveries in flight (plan <c>drainMs</c>, default 500).</summary>
    public int DrainMs => (int)Optional("drainMs", 500);

    /// <summary>Milliseconds waited before each memory reading (plan <c>settleMs</c>, default 1000).</summary>
    public int SettleMs => (int)Optional("settleMs", 1000);

    private double Optional(string name, double fallback) =>
        Plan[name] is null ? fallback : Scenarios.Plan.Number(Plan, name, name);

    /// <summary>The scenarios the generator drives.</summary>
    public static readonly IReadOnlyList<string> ScenarioNames = ["rides", "radio", "idle", "scale"];

    /// <summary>Printed with every usage error.</summary>
    public const string Usage = """
        usage: OrleansRides.LoadGen --protocol signalr|socketio|plain --scenario rides|radio|idle|scale
                 --urls http://HOST:PORT[,...] --plan JSON --gpx FILE --out FILE
                 [--app-pids PID,...] [--infra-pids PID,...] [--heap-command 'CMD']
        """;

    private static readonly HashSet<string> Known =
        ["protocol", "scenario", "urls", "plan", "gpx", "out", "app-pids", "infra-pids", "heap-command"];

    /// <summary>Parses "--name value" pairs. Throws <see cref="UsageException"/> on an unknown, repeated, missing or
    /// invalid option.</summary>
    public static LoadGenOptions Parse(IReadOnlyList<string> args)
    {
        var values = new Dictionary<string, string>();
        for (var i = 0; i < args.Count; i += 2)
        {
            var name = args[i].StartsWith("--", StringComparison.Ordinal) ? args[i][2..] : throw new UsageException($"expected an option, got '{args[i]}'");
            if (!Known.Contains(name))
            {
                throw new UsageException($"unknown option --{name}");
            }
            if (i + 1 >= args.Count)
            {
                throw new UsageException($"--{name} needs a value");
            }
            if (!values.TryAdd(name, args[i + 1]))
            {
                throw new UsageException($"--{name} given twice");
            }
        }
        string Required(string name) => values.TryGetValue(name, out var value) && value.Length > 0 ? value : throw new UsageException($"--{name} is required");
        var scenario = Required("scenario");
        if (!ScenarioNames.Contains(scenario))
        {
            throw new UsageException($"--scenario must be one of {string.Join(", ", ScenarioNames)}, not '{scenario}'");
        }
        var gpx = Required("gpx");
        if (!File.Exists(gpx))
        {
            throw new UsageException($"--gpx {gpx}: no such file");
        }
        return new LoadGenOptions(
            ParseProtocol(Required("protocol")), scenario, ParseUrls(Required("urls")), ParsePlan(Required("plan"), scenario),
            gpx, ParsePids(values, "app-pids"), ParsePids(values, "infra-pids"),
            values.GetValueOrDefault("heap-command") is { Length: > 0 } command ? command : null, Required("out"));
    }

    private static Wire ParseProtocol(string text) => text switch
    {
        "signalr" => Wire.SignalR,
        "socketio" => Wire.SocketIo,
        "plain" => Wire.Plain,
        _ => throw new UsageException($"--protocol must be signalr, socketio or plain, not '{text}'"),
    };

    private static Uri[] ParseUrls(string text) =>
        [.. text.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(url =>
            Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
                ? uri : throw new UsageException($"--urls: '{url}' is not an http(s) URL"))];

    private static JsonObject ParsePlan(string json, string scenario)
    {
        JsonObject plan;
        try
        {
            plan = JsonNode.Parse(json) as JsonObject ?? throw new UsageException("--plan must be a JSON object");
        }
        catch (System.Text.Json.JsonException error)
        {
            throw new UsageException($"--plan is not JSON: {error.Message}");
        }
        if (plan[scenario] is not JsonObject)
        {
            throw new UsageException($"--plan has no \"{scenario}\" object");
        }
        return plan;
    }

    private static int[] ParsePids(Dictionary<string, string> values, string name) =>
        [.. values.GetValueOrDefault(name, "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(text =>
            int.TryParse(text, out var pid) && pid > 0 ? pid : throw new UsageException($"--{name}: '{text}' is not a PID"))];
}
