using System.Net;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace WebSocketAspire.Tests.AppHost.Support;

/// <summary>A WebSocket client for the tests: connect with headers, send text, receive the next text frame with a deadline.</summary>
internal sealed class TestClient : IAsyncDisposable
{
    private readonly ClientWebSocket _socket;

    private TestClient(ClientWebSocket socket) => _socket = socket;

    public WebSocketState State => _socket.State;
    public WebSocketCloseStatus? CloseStatus => _socket.CloseStatus;

    public static async Task<TestClient> ConnectAsync(Uri url, IReadOnlyDictionary<string, string>? headers = null)
    {
        var socket = Create(headers);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await socket.ConnectAsync(url, timeout.Token);
        return new TestClient(socket);
    }

    /// <summary>Attempts a handshake that should fail and returns the HTTP status the server answered.</summary>
    public static async Task<HttpStatusCode> RefusedStatusAsync(Uri url, IReadOnlyDictionary<string, string>? headers = null)
    {
        using var socket = Create(headers);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var exception = await Assert.ThrowsAsync<WebSocketException>(() => socket.ConnectAsync(url, timeout.Token));
        Assert.NotEqual(default, socket.HttpStatusCode);
        _ = exception;
        return socket.HttpStatusCode;
    }

    private static ClientWebSocket Create(IReadOnlyDictionary<string, string>? headers)
    {
        var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            socket.Options.SetRequestHeader(name, value);
        }
        return socket;
    }

    public Task SendAsync(string text) =>
        _socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);

    /// <summary>The next text message; fails the test if none arrives before the deadline.</summary>
    public async Task<string> ReceiveAsync(TimeSpan? deadline = null)
    {
        using var timeout = new CancellationTokenSource(deadline ?? TimeSpan.FromSeconds(30));
        var buffer = new byte[256 * 1024];
        var count = 0;
        while (true)
        {
            var result = await _socket.ReceiveAsync(buffer.AsMemory(count), timeout.Token);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                // Answer the close frame, as every real client does, completing the close handshake.
                await _socket.CloseOutputAsync(_socket.CloseStatus ?? WebSocketCloseStatus.NormalClosure, "", CancellationToken.None);
                throw new WebSocketException($"The server closed the connection ({_socket.CloseStatus} {_socket.CloseStatusDescription}) instead of sending a message.");
            }
            count += result.Count;
            if (result.EndOfMessage)
            {
                return Encoding.UTF8.GetString(buffer, 0, count);
            }
        }
    }

    /// <summary>Learns this connection's id the way a client can: an unroutable message answers Forbidden with the id.</summary>
    public async Task<string> LearnConnectionIdAsync()
    {
        await SendAsync("""{"action":"no-such-route-for-id-discovery"}""");
        using var frame = JsonDocument.Parse(await ReceiveAsync());
        Assert.Equal("Forbidden", frame.RootElement.GetProperty("message").GetString());
        return frame.RootElement.GetProperty("connectionId").GetString()!;
    }

    public async Task CloseAsync(WebSocketCloseStatus status = WebSocketCloseStatus.NormalClosure)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await _socket.CloseAsync(status, "bye", timeout.Token);
    }

    public ValueTask DisposeAsync()
    {
        _socket.Dispose();
        return ValueTask.CompletedTask;
    }
}
