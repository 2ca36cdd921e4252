using System.Text.Json;
using OrleansRides.LoadGen;
using OrleansRides.LoadGen.Clients;
using OrleansRides.LoadGen.Scenarios;

// The C# load generator (README.md): one scenario against one running system, its result JSON to --out.
LoadGenOptions options;
try
{
    options = LoadGenOptions.Parse(args);
}
catch (UsageException error)
{
    Console.Error.WriteLine($"error: {error.Message}");
    Console.Error.WriteLine(LoadGenOptions.Usage);
    return 2;
}

using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
var urls = new UrlRotation(options.Urls);
ISystemClient client = options.Protocol switch
{
    Wire.SignalR => new SignalRClient(urls, http),
    Wire.SocketIo => new SocketIoClient(urls),
    _ => new PlainClient(urls),
};
var context = new ScenarioContext(client, options, Track.Read(options.GpxPath),
    new StepRunner(options.AppPids, options.InfraPids, options.DrainMs, DeliveryCounter.Current),
    new MemoryProbe(options.AppPids, options.HeapCommand, options.SettleMs));
using var stopPings = new CancellationTokenSource();
var pings = Connection.PingLoop(stopPings.Token);
object result;
try
{
    result = options.Scenario switch
    {
        "rides" => await RidesScenario.RunAsync(context),
        "radio" => await RadioScenario.RunAsync(context),
        "idle" => await IdleScenario.RunAsync(context),
        _ => await ScaleScenario.RunAsync(context),
    };
}
catch (UsageException error)
{
    Console.Error.WriteLine($"error: {error.Message}");
    Console.Error.WriteLine(LoadGenOptions.Usage);
    return 2;
}
catch (Exception error) when (error is InvalidOperationException or IOException or System.Net.WebSockets.WebSocketException
    or HttpRequestException or TimeoutException or InvalidDataException)
{
    // A refused connection or join, a failed REST call or heap command: the scenario cannot go on.
    Console.Error.WriteLine($"error: {options.Scenario} failed: {error.GetType().Name}: {error.Message}");
    return 1;
}
finally
{
    await stopPings.CancelAsync();
    await pings;
}
var output = new
{
    scenario = options.Scenario,
    protocol = options.Protocol.ToString().ToLowerInvariant(),
    plan = options.Plan,
    generator = new
    {
        name = "loadgen", dotnet = Environment.Version.ToString(), serverGc = System.Runtime.GCSettings.IsServerGC,
        affinity = ProcStat.OwnAffinity(),
    },
    result,
};
await File.WriteAllTextAsync(options.OutPath, JsonSerializer.Serialize(output, new JsonSerializerOptions { WriteIndented = true }));
return 0;
