using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Xml;
using OrleansRides.LoadGen;

// The C# load generator (see README.md). Work in progress: signalr rides is the path written so far.
var options = new Dictionary<string, string>();
for (var i = 0; i + 1 < args.Length; i += 2) options[args[i].TrimStart('-')] = args[i + 1];
string Opt(string name, string fallback = "") => options.TryGetValue(name, out var v) ? v : fallback;
int[] Pids(string name) => Opt(name).Split(',', StringSplitOptions.RemoveEmptyEntries).Select(int.Parse).ToArray();

var urls = Opt("urls", "http://127.0.0.1:5301").Split(',');
var plan = JsonNode.Parse(Opt("plan", "{}"))!.AsObject();
var appPids = Pids("app-pids");
var infraPids = Pids("infra-pids");
var scenario = Opt("scenario", "rides");
var protocol = Opt("protocol", "signalr");
var track = ReadGpx(Opt("gpx", "../shared/data/gpx/1292585194-20906.gpx"));
var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
using var stopPings = new CancellationTokenSource();
var pings = Task.Run(() => Connection.PingLoop(stopPings.Token));
var next = 0;
string Url() => urls[Interlocked.Increment(ref next) % urls.Length];
double D(JsonNode? n, double d) => n is null ? d : n.GetValue<double>();

var rides = plan["rides"]?.AsObject() ?? [];
var rideCount = (int)D(rides["rides"], 10);
var followers = (int)D(rides["followers"], 5);
var rates = rides["ratesHz"]?.AsArray().Select(n => n!.GetValue<double>()).ToArray() ?? [1.0];
var stepSeconds = D(rides["stepSeconds"], 2);
var warmup = D(plan["warmupSeconds"], 1);
var drainMs = (int)D(plan["drainMs"], 500);

object result;
if (scenario == "rides" && protocol == "signalr")
{
    var leaders = new List<(Connection Conn, string Code)>();
    var all = new List<Connection>();
    for (var i = 0; i < rideCount; i++)
    {
        var route = await CreateRoute(urls[0], i);
        var leader = await Hub(Url(), "ride", null);
        var error = await leader.InvokeAsync("JoinRide", $"[{{\"accessCode\":\"{route.Code}\",\"role\":\"leader\",\"leaderKey\":\"{route.Key}\"}}]");
        if (error is not null) throw new InvalidOperationException(error);
        leaders.Add((leader, route.Code));
        all.Add(leader);
        await Task.WhenAll(Enumerable.Range(0, followers).Select(async _ =>
        {
            var f = await Hub(Url(), "ride", null);
            f.Receiver = new Receiver();
            var e = await f.InvokeAsync("JoinRide", $"[{{\"accessCode\":\"{route.Code}\",\"role\":\"follower\"}}]");
            if (e is not null) Metrics.Error();
            lock (all) all.Add(f);
        }));
    }
    var index = new int[rideCount];
    for (var i = 0; i < rideCount; i++) index[i] = i * 97 % track.Count;
    void Send(int ride)
    {
        var p = track[index[ride]];
        index[ride] = (index[ride] + 1) % track.Count;
        var (conn, code) = leaders[ride];
        var position = string.Create(CultureInfo.InvariantCulture, $"[\"{code}\",{{\"lat\":{p.Lat},\"lng\":{p.Lng},\"accuracy\":5,\"timestamp\":\"{Clock.Iso(Clock.Now)}\"}}]");
        conn.Post(conn.Invocation("UpdateLocation", position));
    }
    await RunStep(rates[0], warmup, rideCount, followers, Send);
    var steps = new List<object>();
    foreach (var rate in rates)
    {
        var step = await RunStep(rate, stepSeconds, rideCount, followers, Send);
        if (Fails(step))
        {
            var again = await RunStep(rate, stepSeconds, rideCount, followers, Send);
            again["firstAttempt"] = step;
            steps.Add(again);
            Console.WriteLine(JsonSerializer.Serialize(again));
            if (Fails(again)) break;
            continue;
        }
        Console.WriteLine(JsonSerializer.Serialize(step));
        steps.Add(step);
    }
    await Task.WhenAll(all.Select(c => c.DisposeAsync().AsTask()));
    result = new { rides = rideCount, followersPerRide = followers, connections = rideCount * (followers + 1), unit = "Hz per leader", steps };
}
else
{
    throw new NotSupportedException($"{protocol} {scenario}: not written yet");
}
stopPings.Cancel();
await pings;
var output = new { scenario, protocol, plan, generator = new { dotnet = Environment.Version.ToString(), serverGc = System.Runtime.GCSettings.IsServerGC }, result };
File.WriteAllText(Opt("out", "loadgen-result.json"), JsonSerializer.Serialize(output, new JsonSerializerOptions { WriteIndented = true }));
return 0;

static bool Fails(Dictionary<string, object?> s) => s["p99Ms"] is not double p99 || p99 > 100 || (long)s["lost"]! > 0 || (long)s["errors"]! > 0;

async Task<Dictionary<string, object?>> RunStep(double rate, double seconds, int senders, int fanout, Action<int> send)
{
    var total = (long)Math.Round(rate * senders * seconds);
    Metrics.Begin((int)Math.Min(int.MaxValue / 2, total * fanout * 11 / 10));
    var before = ProcStat.Usage(appPids);
    var infraBefore = ProcStat.Usage(infraPids);
    var generatorBefore = Process.GetCurrentProcess().TotalProcessorTime;
    var start = Clock.Now;
    var period = Stopwatch.Frequency / rate / senders;
    long onSchedule = 0, sent = 0;
    await Task.Factory.StartNew(() =>
    {
        for (long j = 0; j < total; j++)
        {
            var planned = start + (long)(j * period);
            while (true)
            {
                var left = planned - Clock.Now;
                if (left <= 0) break;
                if (left > Stopwatch.Frequency / 500) Thread.Sleep(1); else Thread.SpinWait(20);
            }
            if (Clock.Now - planned <= Stopwatch.Frequency / 200) onSchedule++;
            send((int)(j % senders));
            sent++;
        }
        // The step lasts its full length: the last send is planned one period before its end.
        var end = start + (long)(seconds * Stopwatch.Frequency);
        while (Clock.Now < end) Thread.Sleep(1);
    }, TaskCreationOptions.LongRunning);
    Metrics.EndSends();
    var elapsed = Clock.Ms(Clock.Now - start) / 1000;
    var generator = (Process.GetCurrentProcess().TotalProcessorTime - generatorBefore).TotalSeconds;
    await Task.Delay(drainMs);
    var after = ProcStat.Usage(appPids);
    var infraAfter = ProcStat.Usage(infraPids);
    var (deliveries, duplicates, outOfOrder, errors, ms) = Metrics.Snapshot();
    double? P(double p) => ms.Length == 0 ? null : Math.Round(ms[Math.Min(ms.Length - 1, (int)(p / 100 * ms.Length))], 2);
    var cpu = after.CpuSeconds - before.CpuSeconds;
    var infraCpu = infraAfter.CpuSeconds - infraBefore.CpuSeconds;
    return new Dictionary<string, object?>
    {
        ["rate"] = rate, ["seconds"] = Math.Round(elapsed, 2), ["sendsExpected"] = total, ["sent"] = sent,
        ["sendsOnSchedulePercent"] = total == 0 ? 100 : Math.Round(100.0 * onSchedule / total, 2),
        ["deliveries"] = deliveries, ["deliveriesPerSecond"] = Math.Round(deliveries / elapsed),
        ["lost"] = Math.Max(0, sent * fanout - deliveries), ["duplicates"] = duplicates, ["outOfOrder"] = outOfOrder, ["errors"] = errors,
        ["p50Ms"] = P(50), ["p99Ms"] = P(99), ["maxMs"] = ms.Length == 0 ? null : Math.Round(ms[^1], 2),
        ["serverCpuPercent"] = Math.Round(cpu / elapsed * 100, 1), ["infraCpuPercent"] = Math.Round(infraCpu / elapsed * 100, 1),
        ["cpuMicrosPerDelivery"] = deliveries == 0 ? null : Math.Round((cpu + infraCpu) * 1e6 / deliveries, 2),
        ["rssMb"] = Math.Round(after.RssBytes / 1048576.0), ["generatorCpuPercent"] = Math.Round(generator / elapsed * 100, 1),
    };
}

async Task<Connection> Hub(string baseUrl, string hub, string? token)
{
    var uri = new Uri(new Uri(baseUrl.Replace("http", "ws", StringComparison.Ordinal)), $"/hubs/{hub}" + (token is null ? "" : $"?access_token={Uri.EscapeDataString(token)}"));
    var connection = new Connection(Wire.SignalR);
    await connection.OpenAsync(uri);
    return connection;
}

async Task<(string Code, string Key)> CreateRoute(string baseUrl, int i)
{
    var response = await http.PostAsJsonAsync(new Uri(new Uri(baseUrl), "/api/v1/routes"), new
    {
        name = $"bench ride {i}", waypoints = new[] { new { lat = 43.6, lng = -116.2 } }, departureTime = "08:00",
        regionId = "0192f0a0-0000-7000-8000-000000000001",
    });
    var body = await response.Content.ReadFromJsonAsync<JsonNode>();
    var data = body!["data"]!;
    return (data["accessCode"]!.GetValue<string>(), data["leaderKey"]!.GetValue<string>());
}

static List<(double Lat, double Lng)> ReadGpx(string path)
{
    var doc = new XmlDocument();
    doc.Load(path);
    var points = new List<(double, double)>();
    foreach (XmlElement e in doc.GetElementsByTagName("trkpt"))
        points.Add((double.Parse(e.GetAttribute("lat"), CultureInfo.InvariantCulture), double.Parse(e.GetAttribute("lon"), CultureInfo.InvariantCulture)));
    return points;
}
