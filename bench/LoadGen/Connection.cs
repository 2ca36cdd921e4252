using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text;

namespace OrleansRides.LoadGen;

/// <summary>The wire protocol a connection speaks.</summary>
internal enum Wire { SignalR, SocketIo, Plain }

/// <summary>One WebSocket with one receive loop. Sends are serialised (a WebSocket takes one send at a time); every
/// failure is counted in <see cref="Metrics"/>, never thrown from the loop.</summary>
internal sealed class Connection : IAsyncDisposable
{
    private static readonly byte[] SignalRPing = Utf8.Bytes("{\"type\":6}\u001e");
    private static readonly byte[] EnginePong = Utf8.Bytes("3");
    private readonly ClientWebSocket _socket = new();
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly RecordSplitter _splitter = new();
    private readonly ConcurrentDictionary<long, TaskCompletionSource<string?>> _pending = new();
    private readonly Wire _wire;
    private TaskCompletionSource<string> _control = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _nextInvocation;
    private Task? _receiving;

    /// <summary>Live SignalR connections, pinged every 15 s.</summary>
    public static readonly ConcurrentDictionary<Connection, byte> Live = new();

    /// <summary>Who counts this connection's deliveries (null: none expected).</summary>
    public Receiver? Receiver { get; set; }

    public Connection(Wire wire) => _wire = wire;

    /// <summary>Connects (10 s timeout) and completes the protocol's handshake.</summary>
    public async Task OpenAsync(Uri uri)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        _socket.Options.KeepAliveInterval = TimeSpan.Zero;
        await _socket.ConnectAsync(uri, timeout.Token).ConfigureAwait(false);
        _receiving = Task.Run(ReceiveLoop);
        if (_wire == Wire.SignalR)
        {
            await SendAsync(Utf8.Bytes("{\"protocol\":\"json\",\"version\":1}\u001e")).ConfigureAwait(false);
            await WaitControl("{}").ConfigureAwait(false);
            Live.TryAdd(this, 0);
        }
        else if (_wire == Wire.SocketIo)
        {
            await WaitControl("0").ConfigureAwait(false);
            await SendAsync(Utf8.Bytes("40")).ConfigureAwait(false);
            await WaitControl("40").ConfigureAwait(false);
        }
    }

    /// <summary>Waits for the next control record starting with <paramref name="prefix"/> (10 s).</summary>
    public async Task<string> WaitControl(string prefix)
    {
        while (true)
        {
            var text = await _control.Task.WaitAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
            _control = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
            if (text.StartsWith(prefix, StringComparison.Ordinal)) return text;
        }
    }

    /// <summary>Sends one text message.</summary>
    public async Task SendAsync(ReadOnlyMemory<byte> bytes)
    {
        await _sendLock.WaitAsync().ConfigureAwait(false);
        try
        {
            await _socket.SendAsync(bytes, WebSocketMessageType.Text, true, CancellationToken.None).ConfigureAwait(false);
        }
        finally
        {
            _sendLock.Release();
        }
    }

    /// <summary>Sends without waiting; a failure is counted as an error of the current step.</summary>
    public void Post(byte[] bytes)
    {
        var task = SendAsync(bytes);
        if (!task.IsCompletedSuccessfully) _ = task.ContinueWith(static _ => Metrics.Error(), CancellationToken.None,
            TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
    }

    /// <summary>SignalR: invokes a hub method and waits for its completion; returns the error text or null.</summary>
    public async Task<string?> InvokeAsync(string target, string argumentsJson)
    {
        var id = Interlocked.Increment(ref _nextInvocation);
        var done = new TaskCompletionSource<string?>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[id] = done;
        await SendAsync(Utf8.Bytes($"{{\"type\":1,\"invocationId\":\"{id}\",\"target\":\"{target}\",\"arguments\":{argumentsJson}}}\u001e")).ConfigureAwait(false);
        return await done.Task.WaitAsync(TimeSpan.FromSeconds(30)).ConfigureAwait(false);
    }

    /// <summary>SignalR: the bytes of an invocation whose completion is only checked for an error.</summary>
    public byte[] Invocation(string target, string argumentsJson) =>
        Utf8.Bytes($"{{\"type\":1,\"invocationId\":\"{Interlocked.Increment(ref _nextInvocation)}\",\"target\":\"{target}\",\"arguments\":{argumentsJson}}}\u001e");

    /// <summary>Socket.IO: emits an event with an ack id and waits for the ack's payload.</summary>
    public async Task<string> EmitWithAckAsync(string eventName, string argumentJson)
    {
        var id = Interlocked.Increment(ref _nextInvocation);
        var done = new TaskCompletionSource<string?>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[id] = done;
        await SendAsync(Utf8.Bytes($"42{id}[\"{eventName}\",{argumentJson}]")).ConfigureAwait(false);
        return await done.Task.WaitAsync(TimeSpan.FromSeconds(30)).ConfigureAwait(false) ?? "";
    }

    /// <summary>Pings every live SignalR connection (the server drops a client silent for 30 s).</summary>
    public static async Task PingLoop(CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            try { await Task.Delay(TimeSpan.FromSeconds(15), stop).ConfigureAwait(false); }
            catch (OperationCanceledException) { return; }
            foreach (var connection in Live.Keys)
            {
                if (connection._socket.State == WebSocketState.Open) connection.Post(SignalRPing);
            }
        }
    }

    private async Task ReceiveLoop()
    {
        var buffer = new byte[16384];
        var message = new byte[16384];
        var messageLength = 0;
        try
        {
            while (true)
            {
                var result = await _socket.ReceiveAsync(buffer.AsMemory(), CancellationToken.None).ConfigureAwait(false);
                if (result.MessageType == WebSocketMessageType.Close) break;
                if (_wire == Wire.SignalR)
                {
                    _splitter.Feed(buffer.AsSpan(0, result.Count), OnSignalR);
                    continue;
                }
                if (result.EndOfMessage && messageLength == 0)
                {
                    OnWhole(buffer.AsSpan(0, result.Count));
                    continue;
                }
                if (messageLength + result.Count > message.Length) Array.Resize(ref message, Math.Max(message.Length * 2, messageLength + result.Count));
                buffer.AsSpan(0, result.Count).CopyTo(message.AsSpan(messageLength));
                messageLength += result.Count;
                if (result.EndOfMessage)
                {
                    OnWhole(message.AsSpan(0, messageLength));
                    messageLength = 0;
                }
            }
        }
        catch (Exception) when (Closing)
        {
        }
        catch (Exception)
        {
            Metrics.Error();
        }
        finally
        {
            Live.TryRemove(this, out _);
            foreach (var pending in _pending.Values) pending.TrySetResult("connection closed");
        }
    }

    private bool Closing { get; set; }

    private void OnSignalR(ReadOnlySpan<byte> record)
    {
        // Hot path first: a server invocation carrying a delivery.
        if (record.StartsWith("{\"type\":1,"u8))
        {
            if (Receiver is not null) Receiver.OnSignalR(record);
            return;
        }
        if (record.StartsWith("{\"type\":6"u8)) return;
        if (record.StartsWith("{\"type\":3"u8))
        {
            var id = JsonScan.StringValue(record, "\"invocationId\":\""u8);
            var error = JsonScan.StringValue(record, "\"error\":\""u8);
            if (long.TryParse(id, out var number) && _pending.TryRemove(number, out var waiter))
                waiter.TrySetResult(error.IsEmpty ? null : Encoding.UTF8.GetString(error));
            else if (!error.IsEmpty)
                Metrics.Error();
            return;
        }
        if (record.StartsWith("{\"type\":7"u8))
        {
            Metrics.Error();
            return;
        }
        _control.TrySetResult(Encoding.UTF8.GetString(record));
    }

    private void OnWhole(ReadOnlySpan<byte> text)
    {
        if (_wire == Wire.Plain)
        {
            if (!text.IsEmpty && text[0] == (byte)'{' && Receiver is not null) Receiver.OnJson(text);
            else _control.TrySetResult(Encoding.UTF8.GetString(text));
            return;
        }
        var packet = EnginePacket.Parse(text);
        switch (packet.EngineType)
        {
            case 2:
                Post(EnginePong);
                return;
            case 4 when packet.SocketType == 2:
                Receiver?.OnJson(packet.Payload);
                return;
            case 4 when packet.SocketType == 3 && packet.AckId >= 0:
                if (_pending.TryRemove(packet.AckId, out var waiter)) waiter.TrySetResult(Encoding.UTF8.GetString(packet.Payload));
                return;
            default:
                _control.TrySetResult(Encoding.UTF8.GetString(text));
                return;
        }
    }

    /// <summary>Closes the socket (5 s at most) and waits for the receive loop.</summary>
    public async ValueTask DisposeAsync()
    {
        Closing = true;
        Live.TryRemove(this, out _);
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            if (_socket.State == WebSocketState.Open)
                await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, timeout.Token).ConfigureAwait(false);
            if (_receiving is not null) await _receiving.WaitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
        }
        catch (Exception)
        {
            // Closing is best effort: the socket is disposed below either way.
        }
        _socket.Dispose();
        _sendLock.Dispose();
    }
}
