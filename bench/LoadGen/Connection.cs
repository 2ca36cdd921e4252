using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text;

namespace OrleansRides.LoadGen;

/// <summary>The wire protocol a connection speaks.</summary>
internal enum Wire { SignalR, SocketIo, Plain }

/// <summary>One WebSocket with one receive loop. Sends are serialised (a WebSocket takes one send at a time); every
/// failure is counted in <see cref="DeliveryCounter.Current"/>, never thrown from the loop.</summary>
internal sealed class Connection : IAsyncDisposable
{
    // 18,000 sockets in one process: a small receive buffer each; a larger message is assembled in a rented one.
    private const int ReceiveBufferBytes = 2048;
    private static readonly byte[] SignalRPing = Utf8.Bytes("{\"type\":6}\u001e");
    private static readonly byte[] EnginePong = Utf8.Bytes("3");
    private readonly ClientWebSocket _socket = new();
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly RecordSplitter _splitter = new();
    private readonly ConcurrentDictionary<long, TaskCompletionSource<string?>> _pending = new();
    private readonly Wire _wire;
    private readonly Receiver? _receiver;
    private TaskCompletionSource<string> _control = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _nextInvocation;
    private Task? _receiving;
    private volatile bool _closing;

    /// <summary>Live SignalR connections, pinged every 15 s.</summary>
    private static readonly ConcurrentDictionary<Connection, byte> Live = new();

    private Connection(Wire wire, Receiver? receiver)
    {
        _wire = wire;
        _receiver = receiver;
    }

    /// <summary>Connects (10 s timeout) and completes the protocol's handshake: SignalR's JSON protocol record, or
    /// Engine.IO's open packet and Socket.IO's namespace connect. <paramref name="receiver"/> counts its deliveries (null:
    /// none expected). Throws on a refused connection or handshake.</summary>
    public static async Task<Connection> OpenAsync(Wire wire, Uri uri, Receiver? receiver)
    {
        var connection = new Connection(wire, receiver);
        try
        {
            await connection.HandshakeAsync(uri).ConfigureAwait(false);
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
        return connection;
    }

    private async Task HandshakeAsync(Uri uri)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        _socket.Options.KeepAliveInterval = TimeSpan.Zero;
        _socket.Options.SetBuffer(ReceiveBufferBytes, ReceiveBufferBytes);
        await _socket.ConnectAsync(uri, timeout.Token).ConfigureAwait(false);
        _receiving = Task.Run(ReceiveLoop);
        if (_wire == Wire.SignalR)
        {
            await SendAsync(Utf8.Bytes("{\"protocol\":\"json\",\"version\":1}\u001e")).ConfigureAwait(false);
            var answer = await WaitControl("{").ConfigureAwait(false);
            if (answer != "{}")
            {
                throw new InvalidOperationException($"SignalR handshake refused: {answer}");
            }
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
            if (text.StartsWith(prefix, StringComparison.Ordinal))
            {
                return text;
            }
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
        if (!task.IsCompletedSuccessfully)
        {
            _ = task.ContinueWith(static _ => DeliveryCounter.Current.Error(), CancellationToken.None,
                TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
        }
    }

    /// <summary>SignalR: invokes a hub method and waits for its completion (30 s); returns the error text or null.</summary>
    public async Task<string?> InvokeAsync(string target, string argumentsJson)
    {
        var id = Interlocked.Increment(ref _nextInvocation);
        var done = new TaskCompletionSource<string?>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[id] = done;
        await SendAsync(Framing.SignalRInvocation(id, target, argumentsJson)).ConfigureAwait(false);
        return await done.Task.WaitAsync(TimeSpan.FromSeconds(30)).ConfigureAwait(false);
    }

    /// <summary>SignalR: the bytes of an invocation whose completion is only checked for an error.</summary>
    public byte[] Invocation(string target, string argumentsJson) =>
        Framing.SignalRInvocation(Interlocked.Increment(ref _nextInvocation), target, argumentsJson);

    /// <summary>Socket.IO: emits an event with an ack id and waits for the ack's payload (30 s).</summary>
    public async Task<string> EmitWithAckAsync(string eventName, string argumentJson)
    {
        var id = Interlocked.Increment(ref _nextInvocation);
        var done = new TaskCompletionSource<string?>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[id] = done;
        await SendAsync(Framing.SocketIoEvent(id, eventName, argumentJson)).ConfigureAwait(false);
        return await done.Task.WaitAsync(TimeSpan.FromSeconds(30)).ConfigureAwait(false) ?? "";
    }

    /// <summary>Pings every live SignalR connection every 15 s (the server drops a client silent for 30 s).</summary>
    public static async Task PingLoop(CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(TimeSpan.FromSeconds(15), stop).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            foreach (var connection in Live.Keys)
            {
                if (connection._socket.State == WebSocketState.Open)
                {
                    connection.Post(SignalRPing);
                }
            }
        }
    }

    private async Task ReceiveLoop()
    {
        var buffer = new byte[ReceiveBufferBytes];
        var message = new MessageAssembler();
        try
        {
            while (true)
            {
                var result = await _socket.ReceiveAsync(buffer.AsMemory(), CancellationToken.None).ConfigureAwait(false);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    break;
                }
                if (_wire == Wire.SignalR)
                {
                    _splitter.Feed(buffer.AsSpan(0, result.Count), OnSignalR);
                }
                else if (message.Add(buffer.AsSpan(0, result.Count), result.EndOfMessage, out var whole))
                {
                    OnWhole(whole.Span);
                }
            }
        }
        catch (Exception) when (_closing)
        {
        }
        catch (Exception)
        {
            DeliveryCounter.Current.Error();
        }
        finally
        {
            Live.TryRemove(this, out _);
            foreach (var pending in _pending.Values)
            {
                pending.TrySetResult("connection closed");
            }
        }
    }

    private void OnSignalR(ReadOnlySpan<byte> record)
    {
        switch (SignalRRecord.TypeOf(record))
        {
            case SignalRRecord.Invocation:
                _receiver?.OnRecord(record);
                return;
            case SignalRRecord.Ping:
                return;
            case SignalRRecord.Completion:
                var completion = SignalRRecord.ParseCompletion(record);
                if (long.TryParse(completion.InvocationId, out var number) && _pending.TryRemove(number, out var waiter))
                {
                    waiter.TrySetResult(completion.Error);
                }
                else if (completion.Error is not null)
                {
                    DeliveryCounter.Current.Error();
                }
                return;
            case SignalRRecord.Close:
                DeliveryCounter.Current.Error();
                return;
            default:
                _control.TrySetResult(Encoding.UTF8.GetString(record));
                return;
        }
    }

    private void OnWhole(ReadOnlySpan<byte> text)
    {
        if (_wire == Wire.Plain)
        {
            if (!text.IsEmpty && text[0] == (byte)'{' && _receiver is not null)
            {
                _receiver.OnRecord(text);
            }
            else
            {
                _control.TrySetResult(Encoding.UTF8.GetString(text));
            }
            return;
        }
        var packet = EnginePacket.Parse(text);
        switch (packet.EngineType)
        {
            case EnginePacket.Ping:
                Post(EnginePong);
                return;
            case EnginePacket.Message when packet.SocketType == EnginePacket.Event:
                _receiver?.OnRecord(packet.Payload);
                return;
            case EnginePacket.Message when packet.SocketType == EnginePacket.Ack && packet.AckId >= 0:
                if (_pending.TryRemove(packet.AckId, out var waiter))
                {
                    waiter.TrySetResult(Encoding.UTF8.GetString(packet.Payload));
                }
                return;
            default:
                _control.TrySetResult(Encoding.UTF8.GetString(text));
                return;
        }
    }

    /// <summary>Closes the socket (5 s at most) and waits for the receive loop.</summary>
    public async ValueTask DisposeAsync()
    {
        _closing = true;
        Live.TryRemove(this, out _);
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            if (_socket.State == WebSocketState.Open)
            {
                await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, timeout.Token).ConfigureAwait(false);
            }
            if (_receiving is not null)
            {
                await _receiving.WaitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
            }
        }
        catch (Exception)
        {
            // Closing is best effort: the socket is disposed below either way.
        }
        _socket.Dispose();
        _sendLock.Dispose();
    }
}
