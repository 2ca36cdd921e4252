namespace OrleansRides.LoadGen.Scenarios;

/// <summary>radio: one room ("radio/live") of L listeners; each step sends its rate (messages per second into the room)
/// from ceil(rate / 1.5) senders, because our chat allows 100 messages a minute per sender. Each message is a probe
/// "t &lt;sentTick&gt; &lt;sender&gt; &lt;seq&gt;", checked per sender for order. Plan: <c>radio: { listeners,
/// ratesPerSecond, stepSeconds }</c>, <c>warmupSeconds</c>.</summary>
internal static class RadioScenario
{
    private const string Room = "radio/live";

    /// <summary>The most messages per second one sender makes (90 a minute, under our limit of 100).</summary>
    public const double MessagesPerSecondPerSender = 1.5;

    public static async Task<object> RunAsync(ScenarioContext context)
    {
        var listenerCount = (int)context.Number("listeners");
        var rates = context.Numbers("ratesPerSecond");
        var marker = Markers.Message(context.Options.Protocol);
        var listeners = await Batches.OpenAsync(listenerCount, 50,
            _ => context.Client.ConnectListenerAsync(Room, new Receiver(DeliveryKind.Probes, marker, context.Counter))).ConfigureAwait(false);
        var senderCount = SendersFor(rates.Max());
        var senders = await Batches.OpenAsync(senderCount, 20, i => context.Client.ConnectSenderAsync(Room, i)).ConfigureAwait(false);
        // Per sender, across steps: a receiver checks that each sender's sequence only grows.
        var sequence = new long[senderCount];
        void Send(int sender) => senders[sender].Send(JsonScan.Probe(Clock.Now, sender, ++sequence[sender]));
        var steps = await StepRunner.LadderAsync(rates, context.Options.WarmupSeconds,
            context.Number("stepSeconds"),
            (rate, seconds) => context.Steps.RunAsync(rate, seconds, SendersFor(rate), listenerCount, Send)).ConfigureAwait(false);
        await Batches.CloseAsync([.. listeners, .. senders.Select(s => s.Connection)]).ConfigureAwait(false);
        return new { listeners = listenerCount, senders = senderCount, unit = "messages per second into the room", steps };
    }

    /// <summary>ceil(rate / 1.5), at least 1.</summary>
    public static int SendersFor(double rate) => Math.Max(1, (int)Math.Ceiling(rate / MessagesPerSecondPerSender));
}
