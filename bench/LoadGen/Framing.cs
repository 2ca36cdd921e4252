using System.Text;

namespace OrleansRides.LoadGen;

/// <summary>The bytes the generator writes: SignalR invocations (JSON protocol, 0x1e-terminated) and Socket.IO events
/// with an ack id (Engine.IO message "4", Socket.IO event "2").</summary>
internal static class Framing
{
    /// <summary>A SignalR JSON-protocol record separator.</summary>
    public const byte RecordSeparator = 0x1e;

    /// <summary><c>{"type":1,"invocationId":"ID","target":"T","arguments":ARGS}</c> + 0x1e.</summary>
    public static byte[] SignalRInvocation(long invocationId, string target, string argumentsJson) =>
        Utf8.Bytes($"{{\"type\":1,\"invocationId\":\"{invocationId}\",\"target\":\"{target}\",\"arguments\":{argumentsJson}}}\u001e");

    /// <summary><c>42ID["event",ARG]</c>: an event whose ack will come back as <c>43ID[...]</c>.</summary>
    public static byte[] SocketIoEvent(long ackId, string eventName, string argumentJson) =>
        Utf8.Bytes($"42{ackId}[\"{eventName}\",{argumentJson}]");
}

/// <summary>Splits a SignalR JSON stream into records: each record ends with 0x1e; a record may span WebSocket frames and
/// one frame may hold several records.</summary>
internal sealed class RecordSplitter
{
    private byte[] _pending = [];
    private int _pendingLength;

    /// <summary>Feeds the bytes of one frame (or part of one); calls <paramref name="onRecord"/> for each whole record,
    /// without the separator. Returns the number of records.</summary>
    public int Feed(ReadOnlySpan<byte> bytes, RecordHandler onRecord)
    {
        var records = 0;
        while (true)
        {
            var end = bytes.IndexOf(Framing.RecordSeparator);
            if (end < 0)
            {
                Append(bytes);
                return records;
            }
            if (_pendingLength == 0)
            {
                onRecord(bytes[..end]);
            }
            else
            {
                Append(bytes[..end]);
                onRecord(_pending.AsSpan(0, _pendingLength));
                _pendingLength = 0;
            }
            records++;
            bytes = bytes[(end + 1)..];
        }
    }

    private void Append(ReadOnlySpan<byte> bytes)
    {
        if (bytes.IsEmpty)
        {
            return;
        }
        if (_pendingLength + bytes.Length > _pending.Length)
        {
            Array.Resize(ref _pending, Math.Max(Math.Max(_pending.Length * 2, 4096), _pendingLength + bytes.Length));
        }
        bytes.CopyTo(_pending.AsSpan(_pendingLength));
        _pendingLength += bytes.Length;
    }
}

/// <summary>Handles one protocol record (a SignalR message or a whole WebSocket text message).</summary>
internal delegate void RecordHandler(ReadOnlySpan<byte> record);

/// <summary>Assembles a WebSocket text message received in several frames; a message in one frame is passed through
/// without a copy.</summary>
internal sealed class MessageAssembler
{
    private byte[] _message = [];
    private int _length;

    /// <summary>Adds one received fragment; true (with the whole message) when it ended the message. The memory is valid
    /// until the next call.</summary>
    public bool Add(ReadOnlySpan<byte> fragment, bool endOfMessage, out ReadOnlyMemory<byte> whole)
    {
        if (_length + fragment.Length > _message.Length)
        {
            Array.Resize(ref _message, Math.Max(Math.Max(_message.Length * 2, 4096), _length + fragment.Length));
        }
        fragment.CopyTo(_message.AsSpan(_length));
        _length += fragment.Length;
        if (!endOfMessage)
        {
            whole = default;
            return false;
        }
        whole = _message.AsMemory(0, _length);
        _length = 0;
        return true;
    }
}

/// <summary>SignalR JSON-protocol records by their leading <c>{"type":N</c> (the server writes the type first).</summary>
internal static class SignalRRecord
{
    public const int Other = 0;
    public const int Invocation = 1;
    public const int Completion = 3;
    public const int Ping = 6;
    public const int Close = 7;

    /// <summary>The message type, or <see cref="Other"/> for the handshake answer and anything unrecognised.</summary>
    public static int TypeOf(ReadOnlySpan<byte> record)
    {
        var prefix = "{\"type\":"u8;
        if (!record.StartsWith(prefix) || record.Length <= prefix.Length)
        {
            return Other;
        }
        return record[prefix.Length] switch
        {
            (byte)'1' => Invocation,
            (byte)'3' => Completion,
            (byte)'6' => Ping,
            (byte)'7' => Close,
            _ => Other,
        };
    }

    /// <summary>A completion's invocation id and error text (null when it succeeded).</summary>
    public static (string? InvocationId, string? Error) ParseCompletion(ReadOnlySpan<byte> record)
    {
        var id = JsonScan.StringValue(record, "\"invocationId\":\""u8);
        var error = JsonScan.StringValue(record, "\"error\":\""u8);
        return (id.IsEmpty ? null : Encoding.UTF8.GetString(id), error.IsEmpty ? null : Encoding.UTF8.GetString(error));
    }
}

/// <summary>An Engine.IO v4 / Socket.IO packet as the generator needs it.</summary>
internal readonly ref struct EnginePacket(int engineType, int socketType, long ackId, ReadOnlySpan<byte> payload)
{
    /// <summary>Engine.IO packet types: open "0", ping "2" (answered with pong "3"), message "4".</summary>
    public const int Open = 0, Ping = 2, Pong = 3, Message = 4;

    /// <summary>Socket.IO packet types inside a message: connect "0", event "2", ack "3".</summary>
    public const int Connect = 0, Event = 2, Ack = 3;

    public int EngineType { get; } = engineType;
    public int SocketType { get; } = socketType;
    public long AckId { get; } = ackId;
    public ReadOnlySpan<byte> Payload { get; } = payload;

    /// <summary>Parses "0{..}", "2", "40{..}", "42[..]", "4217[..]", "4317[..]"; type -1 when it is none of them.</summary>
    public static EnginePacket Parse(ReadOnlySpan<byte> text)
    {
        if (text.IsEmpty || text[0] < (byte)'0' || text[0] > (byte)'6')
        {
            return new EnginePacket(-1, -1, -1, default);
        }
        var engine = text[0] - '0';
        if (engine != Message || text.Length < 2)
        {
            return new EnginePacket(engine, -1, -1, text[1..]);
        }
        var socket = text[1] - '0';
        var i = 2;
        long ack = -1;
        while (i < text.Length && text[i] >= (byte)'0' && text[i] <= (byte)'9')
        {
            ack = (ack < 0 ? 0 : ack * 10) + (text[i] - '0');
            i++;
        }
        return new EnginePacket(engine, socket, ack, text[i..]);
    }
}

/// <summary>Small byte-level helpers over JSON text that the hot receive path uses instead of a DOM.</summary>
internal static class JsonScan
{
    /// <summary>The raw bytes of a string property's value ("name":"value"), first occurrence; empty when absent.</summary>
    public static ReadOnlySpan<byte> StringValue(ReadOnlySpan<byte> json, ReadOnlySpan<byte> quotedNameColonQuote)
    {
        var at = json.IndexOf(quotedNameColonQuote);
        if (at < 0)
        {
            return default;
        }
        var rest = json[(at + quotedNameColonQuote.Length)..];
        var end = rest.IndexOf((byte)'"');
        return end < 0 ? default : rest[..end];
    }

    /// <summary>Whether <paramref name="text"/> contains <paramref name="value"/>, ASCII letters compared ignoring case.</summary>
    public static bool ContainsIgnoreCase(ReadOnlySpan<byte> text, ReadOnlySpan<byte> value)
    {
        for (var at = text.IndexOf(value[0]); at >= 0 && text.Length - at >= value.Length; at = NextIndex(text, value[0], at))
        {
            if (System.Text.Ascii.EqualsIgnoreCase(text.Slice(at, value.Length), value))
            {
                return true;
            }
        }
        return false;
    }

    private static int NextIndex(ReadOnlySpan<byte> text, byte first, int after)
    {
        var next = text[(after + 1)..].IndexOf(first);
        return next < 0 ? -1 : after + 1 + next;
    }

    /// <summary>The integer value of a number property ("name":123), first occurrence; null when absent.</summary>
    public static long? NumberValue(ReadOnlySpan<byte> json, ReadOnlySpan<byte> quotedNameColon)
    {
        var at = json.IndexOf(quotedNameColon);
        if (at < 0)
        {
            return null;
        }
        var rest = json[(at + quotedNameColon.Length)..];
        var negative = false;
        var i = 0;
        while (i < rest.Length && rest[i] == (byte)' ')
        {
            i++;
        }
        if (i < rest.Length && rest[i] == (byte)'-')
        {
            negative = true;
            i++;
        }
        long value = 0;
        var digits = 0;
        for (; i < rest.Length && rest[i] >= (byte)'0' && rest[i] <= (byte)'9'; i++, digits++)
        {
            value = value * 10 + (rest[i] - '0');
        }
        return digits == 0 ? null : negative ? -value : value;
    }

    /// <summary>The chat probe text "t &lt;sentTick&gt; &lt;sender&gt; &lt;seq&gt;" a sender writes.</summary>
    public static string Probe(long sentTick, int sender, long seq) => $"t {sentTick} {sender} {seq}";

    /// <summary>Parses the chat probe text "t &lt;sentTick&gt; &lt;sender&gt; &lt;seq&gt;".</summary>
    public static bool TryParseProbe(ReadOnlySpan<byte> text, out long sentTick, out int sender, out long seq)
    {
        sentTick = 0;
        sender = 0;
        seq = 0;
        if (text.Length < 2 || text[0] != (byte)'t' || text[1] != (byte)' ')
        {
            return false;
        }
        text = text[2..];
        if (!TakeNumber(ref text, out sentTick) || !TakeNumber(ref text, out var s) || !TakeNumber(ref text, out seq))
        {
            return false;
        }
        sender = (int)s;
        return true;
    }

    private static bool TakeNumber(ref ReadOnlySpan<byte> text, out long value)
    {
        value = 0;
        var i = 0;
        for (; i < text.Length && text[i] >= (byte)'0' && text[i] <= (byte)'9'; i++)
        {
            value = value * 10 + (text[i] - '0');
        }
        if (i == 0)
        {
            return false;
        }
        text = i < text.Length && text[i] == (byte)' ' ? text[(i + 1)..] : text[i..];
        return true;
    }
}

/// <summary>The latency clock: Stopwatch ticks, shared by every sender and receiver in this one process, written into
/// an ISO-8601 timestamp (anchored to the wall clock once, at start) where the protocol wants a time.</summary>
internal static class Clock
{
    private static readonly long AnchorTick = System.Diagnostics.Stopwatch.GetTimestamp();
    private static readonly long AnchorUtcTicks = DateTime.UtcNow.Ticks;

    /// <summary>Now, in Stopwatch ticks.</summary>
    public static long Now => System.Diagnostics.Stopwatch.GetTimestamp();

    /// <summary>Stopwatch ticks to milliseconds.</summary>
    public static double Ms(long ticks) => ticks * 1000.0 / System.Diagnostics.Stopwatch.Frequency;

    /// <summary>A Stopwatch tick as a UTC time (100 ns precision), for a position's timestamp.</summary>
    public static DateTime ToUtc(long tick) =>
        new(AnchorUtcTicks + (long)((tick - AnchorTick) * (10_000_000.0 / System.Diagnostics.Stopwatch.Frequency)), DateTimeKind.Utc);

    /// <summary>Back from a UTC time to a Stopwatch tick.</summary>
    public static long FromUtc(DateTime utc) =>
        AnchorTick + (long)((utc.Ticks - AnchorUtcTicks) * (System.Diagnostics.Stopwatch.Frequency / 10_000_000.0));

    /// <summary>Parses an ISO timestamp's bytes into a Stopwatch tick; false when it is not one.</summary>
    public static bool TryParseIso(ReadOnlySpan<byte> iso, out long tick)
    {
        Span<char> chars = stackalloc char[40];
        tick = 0;
        if (iso.Length > chars.Length)
        {
            return false;
        }
        for (var i = 0; i < iso.Length; i++)
        {
            chars[i] = (char)iso[i];
        }
        if (!DateTime.TryParse(chars[..iso.Length], System.Globalization.CultureInfo.InvariantCulture,
                System.Globalization.DateTimeStyles.AdjustToUniversal | System.Globalization.DateTimeStyles.AssumeUniversal, out var utc))
        {
            return false;
        }
        tick = FromUtc(utc);
        return true;
    }

    /// <summary>Writes a tick as "yyyy-MM-ddTHH:mm:ss.fffffffZ".</summary>
    public static string Iso(long tick) => ToUtc(tick).ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>UTF-8 helpers.</summary>
internal static class Utf8
{
    public static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);
}
