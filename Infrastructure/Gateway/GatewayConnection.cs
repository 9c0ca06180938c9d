using System.Net.WebSockets;
using System.Text;
using System.Threading.Channels;

namespace WebSocketAspire.Infrastructure.Gateway;

/// <summary>
/// One open WebSocket connection and everything API Gateway remembers about it: when it connected,
/// who it is, what the authorizer said, when it was last active. Its frames go out through one
/// writer, in order, from a bounded outbox.
/// </summary>
internal sealed class GatewayConnection : IAsyncDisposable
{
    private readonly WebSocket _socket;
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly Lock _closeGate = new();
    private readonly TimeProvider _time;
    private long _lastActiveTicks;

    public GatewayConnection(string id, WebSocket socket, ConnectionIdentity identity, DateTimeOffset connectedAt, TimeProvider time)
    {
        Id = id;
        _socket = socket;
        Identity = identity;
        ConnectedAt = connectedAt;
        _time = time;
        _lastActiveTicks = connectedAt.UtcTicks;
        _writer = Task.Run(WriteLoopAsync);
    }

    public string Id { get; }
    public ConnectionIdentity Identity { get; }
    public DateTimeOffset ConnectedAt { get; }
    public DateTimeOffset LastActiveAt => new(Interlocked.Read(ref _lastActiveTicks), TimeSpan.Zero);

    /// <summary>Set once, by whoever closes the connection first: the close code and reason $disconnect reports.</summary>
    public DisconnectInfo? Disconnect { get; private set; }

    public WebSocketState State => _socket.State;

    /// <summary>The socket, for the one receive loop that reads it; sends go through <see cref="SendTextAsync(string, CancellationToken)"/>.</summary>
    internal WebSocket Socket => _socket;

    public void Touch() => Interlocked.Exchange(ref _lastActiveTicks, _time.GetUtcNow().UtcTicks);

    public Task SendTextAsync(string text, CancellationToken cancellationToken) =>
        SendTextAsync(Encoding.UTF8.GetBytes(text), cancellationToken);

    /// <summary>
    /// How much may wait to be written to a client that is slow to read before further sends are
    /// refused. API Gateway documents only that a full client buffer gets LimitExceededException;
    /// the size is our choice (four full-size @connections messages).
    /// </summary>
    public const int MaxQueuedBytes = 512 * 1024;

    /// <summary>
    /// Queues one text frame for this connection's writer and returns at once: whoever sends (a
    /// function's @connections call, an error frame) never waits for the client to read. Throws
    /// <see cref="SlowClientException"/> when the client already has <see cref="MaxQueuedBytes"/>
    /// waiting, and <see cref="WebSocketException"/> once the connection is closing.
    /// </summary>
    public Task SendTextAsync(ReadOnlyMemory<byte> utf8, CancellationToken cancellationToken)
    {
        if (Interlocked.Add(ref _queuedBytes, utf8.Length) > MaxQueuedBytes)
        {
            Interlocked.Add(ref _queuedBytes, -utf8.Length);
            throw new SlowClientException(Id);
        }
        if (!_outbox.Writer.TryWrite(utf8.ToArray()))
        {
            Interlocked.Add(ref _queuedBytes, -utf8.Length);
            throw new WebSocketException(WebSocketError.InvalidState, $"Connection {Id} is closing.");
        }
        return Task.CompletedTask;
    }

    /// <summary>The one writer of the socket's frames, in the order they were queued.</summary>
    private async Task WriteLoopAsync()
    {
        await foreach (var frame in _outbox.Reader.ReadAllAsync())
        {
            await _sendLock.WaitAsync();
            try
            {
                await _socket.SendAsync(frame, WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);
                Touch();
            }
            catch (Exception e) when (e is WebSocketException or ObjectDisposedException or OperationCanceledException)
            {
                return; // the socket is gone; the receive loop reports the disconnect
            }
            finally
            {
                Interlocked.Add(ref _queuedBytes, -frame.Length);
                _sendLock.Release();
            }
        }
    }

    private readonly Channel<byte[]> _outbox = Channel.CreateUnbounded<byte[]>(new UnboundedChannelOptions { SingleReader = true });
    private long _queuedBytes;
    private readonly Task _writer;

    /// <summary>Records why the connection ends; the first reason wins.</summary>
    public bool MarkClosing(int statusCode, string reason)
    {
        lock (_closeGate)
        {
            if (Disconnect is not null)
            {
                return false;
            }
            Disconnect = new DisconnectInfo(statusCode, reason);
            return true;
        }
    }

    /// <summary>Closes from the server side with the given code (e.g. 1000 for DELETE @connections, 1009 for a too-big message).</summary>
    public async Task CloseAsync(WebSocketCloseStatus status, string reason, string disconnectReason, CancellationToken cancellationToken)
    {
        MarkClosing((int)status, disconnectReason);
        _outbox.Writer.TryComplete();
        try
        {
            // What was queued goes out first; a client that stopped reading is dropped instead.
            await _writer.WaitAsync(CloseHandshakeTimeout, _time, cancellationToken);
            await _sendLock.WaitAsync(cancellationToken);
        }
        catch (Exception e) when (e is OperationCanceledException or TimeoutException)
        {
            _socket.Abort();
            return;
        }
        try
        {
            if (_socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
            {
                await _socket.CloseOutputAsync(status, reason, cancellationToken);
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException)
        {
            // The peer is already gone or does not answer; the receive loop notices and finishes the disconnect.
        }
        finally
        {
            _sendLock.Release();
        }
        // A client that never answers the close frame must not hold the connection (and its
        // $disconnect) open: after a grace period the socket is aborted, which ends the receive loop.
        lock (_closeGate)
        {
            _abortTimer ??= _time.CreateTimer(static state => ((GatewayConnection)state!).AbortIfStillOpen(), this, CloseHandshakeTimeout, Timeout.InfiniteTimeSpan);
        }
    }

    /// <summary>How long the peer has to answer a close frame before the socket is dropped.</summary>
    public static readonly TimeSpan CloseHandshakeTimeout = TimeSpan.FromSeconds(2);

    private ITimer? _abortTimer;

    private void AbortIfStillOpen()
    {
        if (_socket.State is not (WebSocketState.Closed or WebSocketState.Aborted))
        {
            _socket.Abort();
        }
    }

    public async ValueTask DisposeAsync()
    {
        lock (_closeGate)
        {
            _abortTimer?.Dispose();
        }
        _outbox.Writer.TryComplete();
        _socket.Dispose();
        await _writer.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _sendLock.Dispose();
    }
}

/// <summary>What API Gateway knows of the caller and the authorizer's verdict, fixed at $connect.</summary>
internal sealed record ConnectionIdentity
{
    public required string SourceIp { get; init; }
    public string? UserAgent { get; init; }
    /// <summary>The host the client connected to; becomes <c>domainName</c>.</summary>
    public required string DomainName { get; init; }
    /// <summary><c>principalId</c>, <c>integrationLatency</c> and the authorizer's context, or null without an authorizer.</summary>
    public IReadOnlyDictionary<string, object?>? Authorizer { get; init; }
}

/// <summary>The <c>disconnectStatusCode</c> and <c>disconnectReason</c> of the DISCONNECT event.</summary>
internal sealed record DisconnectInfo(int StatusCode, string Reason);
