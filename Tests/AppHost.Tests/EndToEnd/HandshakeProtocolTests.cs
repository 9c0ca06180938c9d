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

    [SkippableFact]
    public async Task A_close_frame_without_a_status_code_is_reported_as_1005_as_API_Gateway_does()
    {
        await fixture.StartAsync();
        var url = fixture.Url;
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(url.Host, url.Port);
        var stream = tcp.GetStream();
        var request = $"GET {url.AbsolutePath} HTTP/1.1\r\nHost: {url.Authority}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n" +
            "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\ntoken: hello\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request));
        // A masked text frame asking for nothing, to learn the connection id from the Forbidden answer.
        var payload = Encoding.ASCII.GetBytes("{}");
        byte[] mask = [9, 8, 7, 6];
        byte[] frame = [0x81, (byte)(0x80 | payload.Length), .. mask, .. payload.Select((b, i) => (byte)(b ^ mask[i % 4]))];
        await stream.WriteAsync(frame);
        var seen = new StringBuilder();
        var buffer = new byte[4096];
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        System.Text.RegularExpressions.Match id;
        do
        {
            var read = await stream.ReadAsync(buffer, deadline.Token);
            Assert.True(read > 0, "the gateway closed the connection");
            seen.Append(Encoding.Latin1.GetString(buffer, 0, read));
            id = System.Text.RegularExpressions.Regex.Match(seen.ToString(), "\"connectionId\":\"([^\"]+)\"");
        }
        while (!id.Success);

        // A close frame with an empty payload: no status code at all.
        await stream.WriteAsync(new byte[] { 0x88, 0x80, 1, 2, 3, 4 });

        var expected = $"{id.Groups[1].Value} disconnected (1005 Client-side close frame status not set)";
        await Support.Eventually.TrueAsync(() => Task.FromResult(fixture.Log.Contains(expected, StringComparison.Ordinal)), "the disconnect was reported as 1005");
    }
}
