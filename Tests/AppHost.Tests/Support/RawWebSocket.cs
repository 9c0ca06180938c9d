using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;

namespace WebSocketAspire.Tests.AppHost.Support;

/// <summary>The bytes a WebSocket client puts on the wire, for tests that need what client libraries will not send.</summary>
internal static partial class RawWebSocket
{
    /// <summary>An upgrade request for <paramref name="url"/> with <c>token: hello</c>, over <paramref name="version"/>.</summary>
    public static byte[] UpgradeRequest(Uri url, string version = "HTTP/1.1") => Encoding.ASCII.GetBytes(
        $"GET {url.AbsolutePath} {version}\r\nHost: {url.Authority}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n" +
        "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\ntoken: hello\r\n\r\n");

    /// <summary>A client text frame: final, masked (RFC 6455 requires clients to mask), under 126 bytes.</summary>
    public static byte[] MaskedText(string text)
    {
        var payload = Encoding.UTF8.GetBytes(text);
        byte[] mask = [9, 8, 7, 6];
        return [0x81, (byte)(0x80 | payload.Length), .. mask, .. payload.Select((b, i) => (byte)(b ^ mask[i % 4]))];
    }

    /// <summary>A close frame with no status code: an empty, masked payload.</summary>
    public static byte[] EmptyClose => [0x88, 0x80, 1, 2, 3, 4];

    /// <summary>Asks for an unknown route and reads the handshake response and the Forbidden frame that names the connection.</summary>
    public static async Task<string> LearnConnectionIdAsync(NetworkStream stream)
    {
        await stream.WriteAsync(MaskedText("""{"action":"who-am-i"}"""));
        var received = new StringBuilder();
        var buffer = new byte[4096];
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            var read = await stream.ReadAsync(buffer, deadline.Token);
            Assert.True(read > 0, "the gateway closed the connection");
            received.Append(Encoding.Latin1.GetString(buffer, 0, read));
            if (ConnectionId().Match(received.ToString()) is { Success: true } match)
            {
                return match.Groups[1].Value;
            }
        }
    }

    [GeneratedRegex("\"connectionId\":\"([^\"]+)\"")]
    private static partial Regex ConnectionId();
}
