using System.Net.WebSockets;
using System.Text;

namespace WebSocketAspire.LoadTest.Support;

/// <summary>One WebSocket client as wscat is one: the <c>token: hello</c> header, text frames, one reply per message.</summary>
internal sealed class Client : IAsyncDisposable
{
    public const string Message = """{"action":"sendmessage","message":"hey queen"}""";
    public const string Reply = "good job on deploying this template, keep slaying!!";

    private static readonly byte[] MessageBytes = Encoding.UTF8.GetBytes(Message);
    private readonly ClientWebSocket _socket = new();
    private readonly byte[] _buffer = new byte[16 * 1024];

    private Client()
    {
        _socket.Options.KeepAliveInterval = TimeSpan.Zero;
        _socket.Options.SetRequestHeader("token", "hello");
    }

    public static async Task<Client> ConnectAsync(Uri url, CancellationToken cancellationToken)
    {
        var client = new Client();
        try
        {
            await client._socket.ConnectAsync(url, cancellationToken);
            return client;
        }
        catch
        {
            client._socket.Dispose();
            throw;
        }
    }

    /// <summary>Sends the README's message and waits for the next frame; true when it is the reply.</summary>
    public async Task<bool> RoundTripAsync(CancellationToken cancellationToken)
    {
        await _socket.SendAsync(MessageBytes, WebSocketMessageType.Text, true, cancellationToken);
        var total = 0;
        while (true)
        {
            var result = await _socket.ReceiveAsync(_buffer.AsMemory(total), cancellationToken);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return false;
            }
            total += result.Count;
            if (result.EndOfMessage)
            {
                return Encoding.UTF8.GetString(_buffer, 0, total) == Reply;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (_socket.State == WebSocketState.Open)
            {
                using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(10));
                await _socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "", deadline.Token);
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException)
        {
            _socket.Abort();
        }
        _socket.Dispose();
    }
}
