using System.Net.Sockets;
using System.Text;

namespace WebSocketAspire.Tests.AppHost.EndToEnd;

/// <summary>What reaches the gateway below the WebSocket client libraries: raw upgrade requests.</summary>
[Collection(StackCollection.Name)]
public sealed class HandshakeProtocolTests(StackFixture fixture)
{
    [SkippableTheory]
    [InlineData("HTTP/1.0", "400")]
    [InlineData("HTTP/1.1", "101")]
    public async Task Only_an_http_1_1_request_is_upgraded(string version, string expected)
    {
        await fixture.StartAsync();
        var url = fixture.Url;
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(url.Host, url.Port);
        var stream = tcp.GetStream();
        var request = $"GET {url.AbsolutePath} {version}\r\nHost: {url.Authority}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n" +
            "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\ntoken: hello\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request));

        var buffer = new byte[256];
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var read = await stream.ReadAsync(buffer, deadline.Token);
        var statusLine = Encoding.ASCII.GetString(buffer, 0, read).Split("\r\n")[0];
        Assert.Equal(expected, statusLine.Split(' ')[1]);
    }
}
