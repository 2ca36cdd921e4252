namespace OrleansRides.LoadGen.Tests;

public sealed class OptionsTests
{
    private static readonly string Gpx = Path.Combine(AppContext.BaseDirectory, "options-test.gpx");

    public OptionsTests() => File.WriteAllText(Gpx, "<gpx><trk><trkseg><trkpt lat=\"1\" lon=\"2\"/></trkseg></trk></gpx>");

    private static string[] Valid(params string[] changes)
    {
        var options = new Dictionary<string, string>
        {
            ["--protocol"] = "socketio", ["--scenario"] = "rides", ["--urls"] = "http://127.0.0.1:1,http://127.0.0.1:2",
            ["--plan"] = "{\"rides\":{\"rides\":1}}", ["--gpx"] = Gpx, ["--out"] = "out.json", ["--app-pids"] = "12,34",
        };
        for (var i = 0; i < changes.Length; i += 2)
        {
            if (changes[i + 1].Length == 0)
            {
                options.Remove(changes[i]);
            }
            else
            {
                options[changes[i]] = changes[i + 1];
            }
        }
        return [.. options.SelectMany(o => new[] { o.Key, o.Value })];
    }

    [Fact]
    public void Valid_options_are_parsed()
    {
        var options = LoadGenOptions.Parse(Valid("--heap-command", "echo 1"));

        Assert.Equal((Wire.SocketIo, "rides", 2), (options.Protocol, options.Scenario, options.Urls.Count));
        Assert.Equal([12, 34], options.AppPids);
        Assert.Empty(options.InfraPids);
        Assert.Equal("echo 1", options.HeapCommand);
        Assert.Equal((1.0, 500, 1000), (options.WarmupSeconds, options.DrainMs, options.SettleMs));
    }

    [Theory]
    [InlineData("--protocol", "", "--protocol is required")]
    [InlineData("--protocol", "grpc", "--protocol must be signalr, socketio or plain")]
    [InlineData("--scenario", "chaos", "--scenario must be one of")]
    [InlineData("--urls", "ftp://x", "is not an http(s) URL")]
    [InlineData("--plan", "{not json", "--plan is not JSON")]
    [InlineData("--plan", "{\"radio\":{}}", "--plan has no \"rides\" object")]
    [InlineData("--app-pids", "12,x", "--app-pids: 'x' is not a PID")]
    [InlineData("--gpx", "/nonexistent.gpx", "no such file")]
    [InlineData("--bogus", "1", "unknown option --bogus")]
    public void A_missing_or_invalid_option_is_a_usage_error_naming_it(string option, string value, string message)
    {
        var error = Assert.Throws<UsageException>(() => LoadGenOptions.Parse(Valid(option, value)));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_repeated_option_or_one_without_a_value_is_a_usage_error()
    {
        var error = Assert.Throws<UsageException>(() => LoadGenOptions.Parse([.. Valid(), "--out", "again.json"]));

        Assert.Contains("given twice", error.Message, StringComparison.Ordinal);
        Assert.Contains("needs a value", Assert.Throws<UsageException>(() => LoadGenOptions.Parse(["--protocol"])).Message, StringComparison.Ordinal);
    }
}
