using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace WebSocketAspire.Infrastructure.TestClient;

/// <summary>
/// One browser tab's connection to the gateway. A browser cannot set headers on a WebSocket, so the
/// page sends what it wants (headers, query string) and this relay opens the real upgrade on its
/// behalf, as any client would, then passes frames both ways with timestamps. The gateway sees an
/// ordinary client: nothing is added to the handshake.
/// </summary>
internal sealed class RelaySession(WebSocket page, Uri gatewayUrl, HandshakeWatch handshakes, TimeProvider time) : IDisposable
{
    private readonly SemaphoreSlim _pageSend = new(1, 1);
    private ClientWebSocket? _upstream;
    private Task? _pump;

    /// <summary>A command carries at most one frame, and the gateway takes messages up to 128 KB (JSON escaping may double that).</summary>
    private const int MaxCommandBytes = 256 * 1024 + 1024;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var buffer = new byte[MaxCommandBytes];
        try
        {
            while (page.State == WebSocketState.Open)
            {
                if (await ReadAsync(page, buffer, cancellationToken) is not { } text)
                {
                    break;
                }
                RelayCommand? command;
                try
                {
                    command = JsonSerializer.Deserialize(text, TestClientJsonContext.Default.RelayCommand);
                }
                catch (JsonException e)
                {
                    await TellAsync(new RelayEvent("error", Now(), Reason: "not a relay command: " + e.Message));
                    continue;
                }
                switch (command?.Type)
                {
                    case "connect":
                        await ConnectAsync(command, cancellationToken);
                        break;
                    case "send" when _upstream is { State: WebSocketState.Open } upstream:
                        await upstream.SendAsync(Encoding.UTF8.GetBytes(command.Data ?? ""), WebSocketMessageType.Text, true, cancellationToken);
                        await TellAsync(new RelayEvent("sent", Now(), Data: command.Data));
                        break;
                    case "send":
                        await TellAsync(new RelayEvent("error", Now(), Reason: "not connected"));
                        break;
                    case "close":
                        await CloseUpstreamAsync();
                        break;
                    default:
                        await TellAsync(new RelayEvent("error", Now(), Reason: $"unknown command '{command?.Type}'"));
                        break;
                }
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException)
        {
            // The tab went away.
        }
        finally
        {
            await CloseUpstreamAsync();
            if (_pump is not null)
            {
                await _pump.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    public void Dispose() => _pageSend.Dispose();

    private async Task ConnectAsync(RelayCommand command, CancellationToken cancellationToken)
    {
        await CloseUpstreamAsync();
        if (_pump is not null)
        {
            await _pump.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
        var upstream = new ClientWebSocket();
        upstream.Options.CollectHttpResponseDetails = true;
        upstream.Options.KeepAliveInterval = TimeSpan.Zero;
        try
        {
            foreach (var pair in command.Headers ?? [])
            {
                if (pair is not [var name, var value] || name.Length == 0)
                {
                    continue;
                }
                if (string.Equals(name, "Sec-WebSocket-Protocol", StringComparison.OrdinalIgnoreCase))
                {
                    foreach (var protocol in value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
                    {
                        upstream.Options.AddSubProtocol(protocol);
                    }
                    continue;
                }
                upstream.Options.SetRequestHeader(name, value);
            }
        }
        catch (ArgumentException e)
        {
            upstream.Dispose();
            await TellAsync(new RelayEvent("handshake", Now(), Status: 0, Reason: "the header cannot be set by a client: " + e.Message));
            return;
        }

        var target = new UriBuilder(gatewayUrl) { Query = (command.Query ?? "").TrimStart('?') }.Uri;
        var port = 0;
        Task<Gateway.HandshakeOutcome>? outcome = null;
        using var handler = new SocketsHttpHandler
        {
            // Our own socket, so the gateway's account of this handshake can be found by its source port.
            ConnectCallback = async (context, token) =>
            {
                var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    await socket.ConnectAsync(context.DnsEndPoint, token);
                    port = ((IPEndPoint)socket.LocalEndPoint!).Port;
                    outcome = handshakes.Expect(port);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        try
        {
            using var invoker = new HttpMessageInvoker(handler, disposeHandler: false);
            await upstream.ConnectAsync(target, invoker, cancellationToken);
            var accepted = outcome is { } known && await Task.WhenAny(known, Task.Delay(TimeSpan.FromSeconds(5), time, cancellationToken)) == known ? known.Result : null;
            _upstream = upstream;
            await TellAsync(new RelayEvent("handshake", Now(), Status: 101, ConnectionId: accepted?.ConnectionId));
            _pump = PumpAsync(upstream);
        }
        catch (WebSocketException e)
        {
            var status = (int)upstream.HttpStatusCode;
            var reason = outcome is { IsCompleted: true } refused ? refused.Result.Reason : null;
            await TellAsync(new RelayEvent("handshake", Now(), Status: status, Reason: reason ?? (status == 0 ? e.Message : null)));
            upstream.Dispose();
        }
        finally
        {
            if (port != 0)
            {
                handshakes.Forget(port);
            }
        }
    }

    /// <summary>Frames from the gateway to the page, until the gateway closes the connection.</summary>
    private async Task PumpAsync(ClientWebSocket upstream)
    {
        var buffer = new byte[64 * 1024];
        try
        {
            while (true)
            {
                using var message = new MemoryStream();
                WebSocketReceiveResult result;
                do
                {
                    result = await upstream.ReceiveAsync(buffer, CancellationToken.None);
                    if (result.MessageType == WebSocketMessageType.Close)
                    {
                        await TellAsync(new RelayEvent("closed", Now(), Code: (int?)upstream.CloseStatus ?? 1005, Reason: upstream.CloseStatusDescription));
                        if (upstream.State == WebSocketState.CloseReceived)
                        {
                            await upstream.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "", CancellationToken.None);
                        }
                        return;
                    }
                    message.Write(buffer, 0, result.Count);
                }
                while (!result.EndOfMessage);
                var data = result.MessageType == WebSocketMessageType.Text
                    ? Encoding.UTF8.GetString(message.GetBuffer(), 0, (int)message.Length)
                    : "(binary, base64) " + Convert.ToBase64String(message.GetBuffer(), 0, (int)message.Length);
                await TellAsync(new RelayEvent("message", Now(), Data: data));
            }
        }
        catch (Exception e) when (e is WebSocketException or ObjectDisposedException or OperationCanceledException)
        {
            await TellAsync(new RelayEvent("closed", Now(), Code: 1006, Reason: "the connection dropped: " + e.Message));
        }
    }

    private async Task CloseUpstreamAsync()
    {
        if (Interlocked.Exchange(ref _upstream, null) is not { } upstream)
        {
            return;
        }
        try
        {
            if (upstream.State == WebSocketState.Open)
            {
                using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(5), time);
                await upstream.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "", deadline.Token);
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            upstream.Abort();
        }
        if (_pump is not null)
        {
            await _pump.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
        upstream.Dispose();
    }

    private async Task TellAsync(RelayEvent relayEvent)
    {
        if (page.State != WebSocketState.Open)
        {
            return;
        }
        var bytes = JsonSerializer.SerializeToUtf8Bytes(relayEvent, TestClientJsonContext.Default.RelayEvent);
        await _pageSend.WaitAsync();
        try
        {
            await page.SendAsync(bytes, WebSocketMessageType.Text, true, CancellationToken.None);
        }
        catch (Exception e) when (e is WebSocketException or ObjectDisposedException)
        {
            // The tab went away.
        }
        finally
        {
            _pageSend.Release();
        }
    }

    private string Now() => time.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    /// <summary>One text message from the page, at most the buffer's size; null when the page closes.</summary>
    private static async Task<string?> ReadAsync(WebSocket socket, byte[] buffer, CancellationToken cancellationToken)
    {
        var total = 0;
        while (true)
        {
            if (total == buffer.Length)
            {
                throw new WebSocketException(WebSocketError.Faulted, $"a relay command over {MaxCommandBytes} bytes");
            }
            var result = await socket.ReceiveAsync(buffer.AsMemory(total), cancellationToken);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return null;
            }
            total += result.Count;
            if (result.EndOfMessage)
            {
                return Encoding.UTF8.GetString(buffer, 0, total);
            }
        }
    }
}
