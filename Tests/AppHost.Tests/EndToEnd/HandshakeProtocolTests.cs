using System.Net.Sockets;
using System.Text;
using WebSocketAspire.Tests.AppHost.Support;

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
        await stream.WriteAsync(RawWebSocket.UpgradeRequest(url, version));

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
        await stream.WriteAsync(RawWebSocket.UpgradeRequest(url));
        var id = await RawWebSocket.LearnConnectionIdAsync(stream);

        // A close frame with an empty payload: no status code at all.
        await stream.WriteAsync(RawWebSocket.EmptyClose);

        var expected = $"{id} disconnected (1005 Client-side close frame status not set)";
        await Eventually.TrueAsync(() => Task.FromResult(fixture.Log.Contains(expected, StringComparison.Ordinal)), "the disconnect was reported as 1005");
    }
}
