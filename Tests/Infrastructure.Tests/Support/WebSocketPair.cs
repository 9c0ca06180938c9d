using System.IO.Pipelines;
using System.Net.WebSockets;
using System.Text;

namespace WebSocketAspire.Tests.Infrastructure.Support;

/// <summary>
/// A connected server and client <see cref="WebSocket"/> over two in-memory pipes: the gateway's side
/// of a connection without a listener or a port.
/// </summary>
internal sealed class WebSocketPair : IDisposable
{
    private WebSocketPair(WebSocket server, WebSocket client)
    {
        Server = server;
        Client = client;
    }

    public WebSocket Server { get; }
    public WebSocket Client { get; }

    public static WebSocketPair Create()
    {
        var toServer = new Pipe();
        var toClient = new Pipe();
        var server = WebSocket.CreateFromStream(
            new DuplexStream(toServer.Reader, toClient.Writer),
            new WebSocketCreationOptions { IsServer = true, KeepAliveInterval = TimeSpan.Zero });
        var client = WebSocket.CreateFromStream(
            new DuplexStream(toClient.Reader, toServer.Writer),
            new WebSocketCreationOptions { IsServer = false, KeepAliveInterval = TimeSpan.Zero });
        return new WebSocketPair(server, client);
    }

    /// <summary>The next whole message the client receives, or a close; fails the test if nothing comes before the deadline.</summary>
    public async Task<Received> ReceiveAsync(TimeSpan? deadline = null)
    {
        using var timeout = new CancellationTokenSource(deadline ?? TimeSpan.FromSeconds(10));
        var buffer = new byte[4096];
        using var message = new MemoryStream();
        while (true)
        {
            var result = await Client.ReceiveAsync(buffer, timeout.Token);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return new Received(result.MessageType, "", result.CloseStatus, result.CloseStatusDescription);
            }
            message.Write(buffer, 0, result.Count);
            if (result.EndOfMessage)
            {
                return new Received(result.MessageType, Encoding.UTF8.GetString(message.ToArray()), null, null);
            }
        }
    }

    public void Dispose()
    {
        Server.Dispose();
        Client.Dispose();
    }

    internal sealed record Received(WebSocketMessageType Type, string Text, WebSocketCloseStatus? CloseStatus, string? CloseDescription);

    private sealed class DuplexStream(PipeReader reader, PipeWriter writer) : Stream
    {
        private readonly PipeReader _reader = reader;
        private readonly Stream _in = reader.AsStream();
        private readonly Stream _out = writer.AsStream();

        public override bool CanRead => true;
        public override bool CanWrite => true;
        public override bool CanSeek => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => _in.Read(buffer, offset, count);
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => _in.ReadAsync(buffer, cancellationToken);
        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => _in.ReadAsync(buffer, offset, count, cancellationToken);
        public override void Write(byte[] buffer, int offset, int count) => _out.Write(buffer, offset, count);
        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) => _out.WriteAsync(buffer, cancellationToken);
        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => _out.WriteAsync(buffer, offset, count, cancellationToken);
        public override void Flush() => _out.Flush();
        public override Task FlushAsync(CancellationToken cancellationToken) => _out.FlushAsync(cancellationToken);
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                // Like a socket: closing it ends a read that is waiting (WebSocket.Abort relies on that).
                _reader.CancelPendingRead();
                _in.Dispose();
                _out.Dispose();
            }
            base.Dispose(disposing);
        }
    }
}
