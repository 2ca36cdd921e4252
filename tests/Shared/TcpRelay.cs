using System.Net;
using System.Net.Sockets;

namespace OrleansRides.Tests.Shared;

/// <summary>A loopback TCP relay in front of a real server (PostgreSQL here), so a test can make the server unreachable
/// and reachable again without stopping it for every other test: <see cref="Cut"/> closes the listener and every relayed
/// connection (clients see connection resets, then refusals), <see cref="Restore"/> listens again on the same port.</summary>
public sealed class TcpRelay : IAsyncDisposable
{
    private readonly IPEndPoint _target;
    private readonly List<TcpClient> _open = [];
    private readonly Lock _lock = new();
    private TcpListener? _listener;
    private CancellationTokenSource _cut = new();

    public TcpRelay(string targetHost, int targetPort)
    {
        _target = new IPEndPoint(IPAddress.Parse(targetHost), targetPort);
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        Port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        Restore();
    }

    /// <summary>The loopback port clients connect to.</summary>
    public int Port { get; }

    public void Restore()
    {
        _cut = new CancellationTokenSource();
        _listener = new TcpListener(IPAddress.Loopback, Port);
        _listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        _listener.Start();
        _ = AcceptAsync(_listener, _cut.Token);
    }

    public void Cut()
    {
        _cut.Cancel();
        _listener?.Stop();
        lock (_lock)
        {
            foreach (var client in _open)
            {
                client.Dispose();
            }
            _open.Clear();
        }
    }

    private async Task AcceptAsync(TcpListener listener, CancellationToken cut)
    {
        while (!cut.IsCancellationRequested)
        {
            TcpClient inbound;
            try
            {
                inbound = await listener.AcceptTcpClientAsync(cut);
            }
            catch (Exception) when (cut.IsCancellationRequested)
            {
                return;
            }
            var outbound = new TcpClient();
            await outbound.ConnectAsync(_target, cut);
            lock (_lock)
            {
                _open.Add(inbound);
                _open.Add(outbound);
            }
            _ = PumpAsync(inbound, outbound, cut);
            _ = PumpAsync(outbound, inbound, cut);
        }
    }

    private static async Task PumpAsync(TcpClient from, TcpClient to, CancellationToken cut)
    {
        try
        {
            await from.GetStream().CopyToAsync(to.GetStream(), cut);
        }
        catch (Exception)
        {
            // Either side closing, or the cut: the other side is closed with it below.
        }
        from.Dispose();
        to.Dispose();
    }

    public ValueTask DisposeAsync()
    {
        Cut();
        return ValueTask.CompletedTask;
    }
}
