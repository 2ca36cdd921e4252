using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;

namespace OrleansRides.FrontendHost.Tests;

/// <summary>A hub error: the server's message, which starts with its code.</summary>
public sealed class HubError(string message) : Exception(message)
{
    public string Code => Message.Split(':')[0];
}

/// <summary>A SignalR connection over the test server's WebSocket, speaking the JSON hub protocol by hand (the .NET SignalR
/// client does not restore here): invocations, their completions, pushed events, and whether the server closed it.</summary>
public sealed class HubSocket : IAsyncDisposable
{
    private const char RecordSeparator = '\u001e';
    private readonly WebSocket _socket;
    private readonly ConcurrentDictionary<string, TaskCompletionSource<JsonElement>> _pending = new();
    private readonly ConcurrentQueue<(string Target, JsonElement Arguments)> _events = new();
    private readonly TaskCompletionSource _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _nextId;

    private HubSocket(WebSocket socket) => _socket = socket;

    /// <summary>Completes when the server closes the connection (or it breaks).</summary>
    public Task Closed => _closed.Task;

    /// <summary>Connects to <c>/hubs/{hub}</c>, with the token as the <c>access_token</c> query and, when given, the
    /// <c>X-Test-Client-Address</c> the test factory turns into the caller's address.</summary>
    /// <exception cref="InvalidOperationException">The server refused the upgrade (for example 401).</exception>
    public static async Task<HubSocket> ConnectAsync(WebApplicationFactory<Program> factory, string hub, string? token, string? clientAddress = null)
    {
        var client = factory.Server.CreateWebSocketClient();
        if (clientAddress is not null)
        {
            client.ConfigureRequest = request => request.Headers[FrontendFactory.ClientAddressHeader] = clientAddress;
        }
        var query = token is null ? "" : $"?access_token={Uri.EscapeDataString(token)}";
        var socket = await client.ConnectAsync(new Uri($"ws://localhost/hubs/{hub}{query}"), CancellationToken.None);
        var hubSocket = new HubSocket(socket);
        await hubSocket.SendAsync("""{"protocol":"json","version":1}""");
        var handshake = await hubSocket.ReceiveFramesAsync();
        if (handshake.FirstOrDefault() is { } answer && answer.TryGetProperty("error", out var error))
        {
            throw new InvalidOperationException(error.GetString());
        }
        _ = hubSocket.ReadLoopAsync();
        return hubSocket;
    }

    /// <summary>Invokes a hub method and returns its result.</summary>
    /// <exception cref="HubError">The method failed.</exception>
    /// <exception cref="TimeoutException">No answer within 10 s.</exception>
    public async Task<JsonElement> InvokeAsync(string target, params object?[] arguments)
    {
        var id = Interlocked.Increment(ref _nextId).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var completion = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[id] = completion;
        await SendAsync(JsonSerializer.Serialize(new { type = 1, invocationId = id, target, arguments }, JsonSerializerOptions.Web));
        var done = await Task.WhenAny(completion.Task, Closed, Task.Delay(TimeSpan.FromSeconds(10)));
        if (done != completion.Task)
        {
            throw done == Closed ? new HubError("CLOSED: the server closed the connection") : new TimeoutException($"{target} did not answer");
        }
        return await completion.Task;
    }

    /// <summary>The arguments of the first pushed <paramref name="target"/> event, waiting up to 10 s for it.</summary>
    public async Task<JsonElement> NextEventAsync(string target)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (DateTime.UtcNow < deadline)
        {
            // The server names callbacks as the C# interface does (NewMessage); clients match them case-insensitively.
            if (_events.FirstOrDefault(e => string.Equals(e.Target, target, StringComparison.OrdinalIgnoreCase)) is { Target: not null } found)
            {
                return found.Arguments;
            }
            await Task.Delay(10);
        }
        throw new TimeoutException($"no {target} event");
    }

    /// <summary>The arguments of every <paramref name="target"/> event pushed so far, in arrival order.</summary>
    public IReadOnlyList<JsonElement> EventsOf(string target) =>
        [.. _events.Where(e => string.Equals(e.Target, target, StringComparison.OrdinalIgnoreCase)).Select(e => e.Arguments)];

    /// <summary>Waits up to <paramref name="within"/> for the server to close the connection.</summary>
    public async Task<bool> ClosesWithinAsync(TimeSpan within) => await Task.WhenAny(Closed, Task.Delay(within)) == Closed;

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (_socket.State == WebSocketState.Open)
            {
                await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(5));
            }
        }
        catch (Exception ex) when (ex is WebSocketException or IOException or TimeoutException or ObjectDisposedException)
        {
            // The server closed it first; there is nothing left to close.
        }
        _socket.Dispose();
    }

    private Task SendAsync(string frame) =>
        _socket.SendAsync(Encoding.UTF8.GetBytes(frame + RecordSeparator), WebSocketMessageType.Text, true, CancellationToken.None);

    private async Task<List<JsonElement>> ReceiveFramesAsync()
    {
        var buffer = new byte[64 * 1024];
        using var message = new MemoryStream();
        WebSocketReceiveResult result;
        do
        {
            result = await _socket.ReceiveAsync(buffer, CancellationToken.None);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                throw new WebSocketException("closed");
            }
            message.Write(buffer, 0, result.Count);
        }
        while (!result.EndOfMessage);
        return Encoding.UTF8.GetString(message.ToArray()).Split(RecordSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(frame => JsonDocument.Parse(frame).RootElement.Clone()).ToList();
    }

    private async Task ReadLoopAsync()
    {
        try
        {
            while (true)
            {
                foreach (var frame in await ReceiveFramesAsync())
                {
                    Handle(frame);
                }
            }
        }
        catch (Exception ex) when (ex is WebSocketException or IOException or OperationCanceledException or ObjectDisposedException)
        {
            _closed.TrySetResult();
        }
    }

    private void Handle(JsonElement frame)
    {
        switch (frame.GetProperty("type").GetInt32())
        {
            case 1:
                _events.Enqueue((frame.GetProperty("target").GetString()!, frame.GetProperty("arguments")));
                break;
            case 3 when _pending.TryRemove(frame.GetProperty("invocationId").GetString()!, out var completion):
                if (frame.TryGetProperty("error", out var error))
                {
                    completion.TrySetException(new HubError(error.GetString()!));
                }
                else
                {
                    completion.TrySetResult(frame.TryGetProperty("result", out var result) ? result.Clone() : default);
                }
                break;
            case 7:
                _closed.TrySetResult();
                break;
        }
    }
}
