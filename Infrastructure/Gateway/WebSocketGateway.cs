using System.Buffers;
using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text;

namespace WebSocketAspire.Infrastructure.Gateway;

/// <summary>
/// Runs accepted connections: the receive loop with API Gateway's frame rules, message dispatch,
/// and $disconnect when the socket ends. Owns the set of running sessions so shutdown can close
/// every connection and wait for every $disconnect.
/// </summary>
internal sealed class WebSocketGateway : IDisposable
{
    /// <summary>A frame over 32 KB closes the connection with 1009.</summary>
    public const int MaxFrameBytes = 32 * 1024;
    /// <summary>A (fragmented) message over 128 KB closes the connection with 1009.</summary>
    public const int MaxMessageBytes = 128 * 1024;

    private readonly ConcurrentDictionary<string, Task> _sessions = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stopping = new();
    private volatile Flows _flows;
    private int _handshakes;
    private readonly TaskCompletionSource _handshakesDrained = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public WebSocketGateway(GatewayContext gateway)
    {
        ArgumentNullException.ThrowIfNull(gateway);
        _flows = new Flows(gateway);
        ConnectionsApi = new ConnectionsService(gateway.Connections);
    }

    /// <summary>The API as currently configured; replaced as a whole by <see cref="Reload"/>.</summary>
    public GatewayContext Context => _flows.Context;
    public ConnectFlow Connect => _flows.Connect;
    public ConnectionsService ConnectionsApi { get; }
    public bool IsStopping => _stopping.IsCancellationRequested;

    /// <summary>
    /// Every handshake's outcome, keyed by the client's source port: how a local client on this
    /// machine (the browser test client's relay) learns why it was refused, or its connection id,
    /// without anything on the wire that other clients would not see.
    /// </summary>
    public event Action<HandshakeOutcome>? Handshake;

    /// <summary>Raises <see cref="Handshake"/>; nothing is built when no one listens (every handshake passes here).</summary>
    internal void OnHandshake(int sourcePort, int statusCode, string? connectionId, string? reason) =>
        Handshake?.Invoke(new HandshakeOutcome(sourcePort, statusCode, connectionId, reason));

    /// <summary>
    /// Switches to a new configuration of the API (routes, templates, authorizer, stage variables).
    /// Open connections stay open: their next message and their $disconnect use the new one.
    /// </summary>
    public void Reload(GatewayContext next)
    {
        ArgumentNullException.ThrowIfNull(next);
        if (!ReferenceEquals(next.Connections, Context.Connections))
        {
            throw new ArgumentException("A reloaded gateway must keep the connection registry.", nameof(next));
        }
        _flows = new Flows(next);
    }

    /// <summary>
    /// Counts a handshake from before its $connect until its connection is open (or refused); null when
    /// the gateway is stopping, and the handshake is refused. Shutdown waits for those counted.
    /// </summary>
    public IDisposable? BeginHandshake()
    {
        Interlocked.Increment(ref _handshakes);
        if (IsStopping)
        {
            EndHandshake();
            return null;
        }
        return new HandshakeScope(this);
    }

    private void EndHandshake()
    {
        if (Interlocked.Decrement(ref _handshakes) == 0 && IsStopping)
        {
            _handshakesDrained.TrySetResult();
        }
    }

    private sealed class HandshakeScope(WebSocketGateway gateway) : IDisposable
    {
        private int _ended;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _ended, 1) == 0)
            {
                gateway.EndHandshake();
            }
        }
    }

    /// <summary>Runs an accepted connection until it closes, then fires $disconnect.</summary>
    public Task RunAsync(string connectionId, WebSocket socket, RequestContextValues connect, CloseFrameSniffer? closeFrames = null)
    {
        ArgumentNullException.ThrowIfNull(connect);
        var gateway = Context;
        var connection = new GatewayConnection(connectionId, socket, connect.Identity, connect.ConnectedAt, gateway.Time);
        gateway.Connections.Add(connection);
        GatewayMetrics.Opened();
        GatewayLog.Connected(gateway.Logger, connection.Id, connection.Identity.SourceIp);
        var session = RunSessionAsync(connection, closeFrames);
        _sessions[connectionId] = session;
        return session;
    }

    /// <summary>A client whose $connect succeeded left before its socket was accepted: run its $disconnect (1006).</summary>
    public Task AbandonedAsync(RequestContextValues connect)
    {
        ArgumentNullException.ThrowIfNull(connect);
        return _flows.Disconnect.RunAsync(connect.ConnectionId, connect.ConnectedAt, connect.Identity, new DisconnectInfo(1006, ""), CancellationToken.None);
    }

    /// <summary>Closes every connection with 1001 and waits until each one's $disconnect has run; returns how many were closed and how many $disconnects finished.</summary>
    public async Task<(int Closed, int Disconnected)> ShutdownAsync(TimeSpan timeout)
    {
        await _stopping.CancelAsync();
        // A handshake in flight ends first (refused if its $connect finishes now, with its $disconnect),
        // so no connection opens after the ones closed here.
        if (Volatile.Read(ref _handshakes) == 0)
        {
            _handshakesDrained.TrySetResult();
        }
        await _handshakesDrained.Task.WaitAsync(timeout, Context.Time).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        var before = Volatile.Read(ref _disconnectsRun);
        var closed = Context.Connections.Count;
        await CloseAllAsync(WebSocketCloseStatus.EndpointUnavailable, "Going away", "Going away", timeout);
        return (closed, Volatile.Read(ref _disconnectsRun) - before);
    }

    private int _disconnectsRun;

    /// <summary>
    /// Closes every open connection as <c>DELETE @connections</c> does (1000), and waits until each
    /// one's $disconnect has run. The gateway stays up for new connections.
    /// </summary>
    public async Task<int> DisconnectAllAsync(TimeSpan timeout)
    {
        var count = Context.Connections.Count;
        await CloseAllAsync(WebSocketCloseStatus.NormalClosure, "", "Connection Closed Normally", timeout);
        return count;
    }

    /// <summary>All at once: one client that does not answer its close frame must not hold up the others.</summary>
    private async Task CloseAllAsync(WebSocketCloseStatus status, string reason, string disconnectReason, TimeSpan timeout)
    {
        var connections = Context.Connections.Snapshot();
        var sessions = connections.Select(c => _sessions.GetValueOrDefault(c.Id)).OfType<Task>().ToList();
        await Task.WhenAll(connections.Select(async connection =>
        {
            using var closeTimeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            try
            {
                await connection.CloseAsync(status, reason, disconnectReason, closeTimeout.Token);
            }
            catch (OperationCanceledException)
            {
                // The receive loop ends anyway once the socket is aborted.
            }
        }));
        await Task.WhenAll(sessions).WaitAsync(timeout, Context.Time).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    private async Task RunSessionAsync(GatewayConnection connection, CloseFrameSniffer? closeFrames)
    {
        using var lifetime = new ConnectionLifetime(connection, Context.Time, c => CloseAsync(c, ConnectionLifetime.CloseStatus, ConnectionLifetime.CloseReason));
        try
        {
            await ReceiveLoopAsync(connection, closeFrames);
        }
        finally
        {
            if (Context.Connections.Remove(connection.Id))
            {
                GatewayMetrics.Closed();
            }
            await _flows.Disconnect.RunAsync(connection, CancellationToken.None);
            Interlocked.Increment(ref _disconnectsRun);
            await connection.DisposeAsync();
            _sessions.TryRemove(connection.Id, out _);
        }
    }

    private async Task ReceiveLoopAsync(GatewayConnection connection, CloseFrameSniffer? closeFrames)
    {
        var socket = connection.Socket;
        // Buffers are held only while a message arrives: an idle connection waits with a zero-byte
        // read (10,000 idle connections held 64 KB each before, measured 1 GB in the AppHost).
        byte[]? buffer = null;
        ArrayBufferWriter<byte>? message = null;
        var stopping = _stopping.Token;
        try
        {
            while (true)
            {
                ValueWebSocketReceiveResult result;
                try
                {
                    // The stop token is not passed: a cancelled ReceiveAsync aborts the socket, and shutdown
                    // wants a proper close handshake instead.
                    result = buffer is null
                        ? await socket.ReceiveAsync(Memory<byte>.Empty, CancellationToken.None)
                        : await socket.ReceiveAsync(buffer.AsMemory(0, MaxFrameBytes + 1), CancellationToken.None);
                }
                catch (Exception e) when (e is WebSocketException or OperationCanceledException or ObjectDisposedException)
                {
                    // The peer vanished, or did not answer our close frame in time and was aborted.
                    connection.MarkClosing(1006, "");
                    return;
                }
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    // A close frame without a status code: .NET reports 1000 (or nothing); API Gateway, 1005.
                    var noStatus = socket.CloseStatus is null || closeFrames?.SawCloseWithoutStatus == true;
                    var status = noStatus ? 1005 : (int)socket.CloseStatus!.Value;
                    var reason = noStatus ? "Client-side close frame status not set" : socket.CloseStatusDescription ?? "";
                    connection.MarkClosing(status, reason);
                    // Answer the client's close frame with the same code, completing the close handshake.
                    using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                    await connection.CloseAsync(socket.CloseStatus ?? WebSocketCloseStatus.NormalClosure, socket.CloseStatusDescription ?? "", reason, timeout.Token);
                    return;
                }
                if (buffer is null)
                {
                    // Data is waiting (or the zero-byte read already returned part of a frame): now take a buffer.
                    buffer = ArrayPool<byte>.Shared.Rent(MaxFrameBytes + 1);
                    message = new ArrayBufferWriter<byte>(Math.Min(4096, MaxMessageBytes));
                    if (result.Count == 0)
                    {
                        continue;
                    }
                }
                connection.Touch();
                if (result.MessageType == WebSocketMessageType.Binary)
                {
                    await CloseAsync(connection, WebSocketCloseStatus.InvalidMessageType, "Binary frames are not supported");
                    continue;
                }
                if (result.Count > MaxFrameBytes || message!.WrittenCount + result.Count > MaxMessageBytes)
                {
                    await CloseAsync(connection, WebSocketCloseStatus.MessageTooBig, "Message too big");
                    continue;
                }
                message.Write(buffer.AsSpan(0, result.Count));
                if (!result.EndOfMessage)
                {
                    continue;
                }
                var body = Encoding.UTF8.GetString(message.WrittenSpan);
                ArrayPool<byte>.Shared.Return(buffer);
                buffer = null;
                message = null;
                // Messages are handled concurrently, as API Gateway does; answers may arrive out of order.
                var messages = _flows.Message;
                _ = Task.Run(() => messages.HandleAsync(connection, body, stopping), CancellationToken.None);
            }
        }
        finally
        {
            if (buffer is not null)
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }
    }

    private async Task CloseAsync(GatewayConnection connection, WebSocketCloseStatus status, string reason)
    {
        GatewayLog.ClosedByGateway(Context.Logger, connection.Id, (int)status, reason);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await connection.CloseAsync(status, reason, reason, timeout.Token);
    }

    public void Dispose() => _stopping.Dispose();

    /// <summary>One configuration of the API and the flows built on it, swapped as a unit.</summary>
    private sealed class Flows(GatewayContext context)
    {
        public GatewayContext Context { get; } = context;
        public ConnectFlow Connect { get; } = new(context);
        public MessageFlow Message { get; } = new(context);
        public DisconnectFlow Disconnect { get; } = new(context);
    }
}
