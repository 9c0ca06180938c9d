using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using WebSocketAspire.Infrastructure.Gateway;
using WebSocketAspire.Tests.Infrastructure.Support;

namespace WebSocketAspire.Tests.Infrastructure.Gateway;

/// <summary>The 10-minute idle timeout and the 2-hour cap, driven by a fake clock through a running gateway session.</summary>
public sealed class ConnectionLifetimeTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);

    private static GatewayHarness Harness() => GatewayHarness.Create(
        new ApiBuilder()
            .ProxyRoute("echo", "EchoFunction", ApiBuilder.TwoWay)
            .ProxyRoute("$disconnect", "DisconnectFunction")
            .Build(),
        new Dictionary<string, Func<string, FunctionReply>?>(StringComparer.Ordinal)
        {
            ["EchoFunction"] = _ => FunctionReply.Proxy(200, "pong"),
            ["DisconnectFunction"] = _ => FunctionReply.Proxy(200),
        });

    private static (WebSocketGateway Gateway, WebSocketPair Sockets, Task Session) Run(GatewayHarness harness)
    {
        var gateway = new WebSocketGateway(harness.Context);
        var sockets = WebSocketPair.Create();
        var now = harness.Time.GetUtcNow();
        var connect = new RequestContextValues
        {
            RouteKey = "$connect",
            EventType = "CONNECT",
            ConnectionId = "conn0000000001=",
            RequestId = "req00000000001=",
            RequestTime = now,
            ConnectedAt = now,
            Stage = ApiBuilder.StageName,
            ApiId = ApiBuilder.ApiId,
            Identity = new ConnectionIdentity { SourceIp = "203.0.113.9", DomainName = "127.0.0.1:3001" },
        };
        return (gateway, sockets, gateway.RunAsync(connect.ConnectionId, sockets.Server, connect));
    }

    [Fact]
    public async Task Ten_idle_minutes_close_the_connection_with_1001_and_fire_disconnect()
    {
        await using var harness = Harness();
        var (gateway, sockets, session) = Run(harness);
        using (gateway)
        using (sockets)
        {
            harness.Time.Advance(ConnectionLifetime.IdleTimeout);

            var received = await sockets.ReceiveAsync(Deadline);
            Assert.Equal(WebSocketMessageType.Close, received.Type);
            Assert.Equal(WebSocketCloseStatus.EndpointUnavailable, received.CloseStatus);
            await sockets.Client.CloseOutputAsync(WebSocketCloseStatus.EndpointUnavailable, "", CancellationToken.None);
            await session.WaitAsync(Deadline);

            using var disconnect = JsonDocument.Parse(Assert.Single(harness.Function("DisconnectFunction").Events));
            Assert.Equal(1001, disconnect.RootElement.GetProperty("requestContext").GetProperty("disconnectStatusCode").GetInt32());
        }
    }

    [Fact]
    public async Task A_client_that_never_answers_the_close_frame_is_dropped_and_still_gets_its_disconnect()
    {
        await using var harness = Harness();
        var (gateway, sockets, session) = Run(harness);
        using (gateway)
        using (sockets)
        {
            harness.Time.Advance(ConnectionLifetime.IdleTimeout);
            Assert.Equal(WebSocketMessageType.Close, (await sockets.ReceiveAsync(Deadline)).Type);

            // The client keeps quiet; after the close handshake grace period the socket is aborted.
            harness.Time.Advance(GatewayConnection.CloseHandshakeTimeout);
            await session.WaitAsync(Deadline);

            using var disconnect = JsonDocument.Parse(Assert.Single(harness.Function("DisconnectFunction").Events));
            Assert.Equal(1001, disconnect.RootElement.GetProperty("requestContext").GetProperty("disconnectStatusCode").GetInt32());
        }
    }

    [Fact]
    public async Task A_message_in_either_direction_restarts_the_idle_timer()
    {
        await using var harness = Harness();
        var (gateway, sockets, session) = Run(harness);
        using (gateway)
        using (sockets)
        {
            harness.Time.Advance(TimeSpan.FromMinutes(9));
            await sockets.Client.SendAsync(Encoding.UTF8.GetBytes("""{"action":"echo"}"""), WebSocketMessageType.Text, true, CancellationToken.None);
            Assert.Equal("pong", (await sockets.ReceiveAsync(Deadline)).Text);

            harness.Time.Advance(TimeSpan.FromMinutes(9));
            Assert.False(session.IsCompleted);
            Assert.NotNull(harness.Connections.Find("conn0000000001="));

            harness.Time.Advance(TimeSpan.FromMinutes(1));
            Assert.Equal(WebSocketMessageType.Close, (await sockets.ReceiveAsync(Deadline)).Type);
        }
    }

    [Fact]
    public async Task Two_hours_close_even_a_busy_connection()
    {
        await using var harness = Harness();
        var (gateway, sockets, _) = Run(harness);
        using (gateway)
        using (sockets)
        {
            for (var minute = 5; minute < 120; minute += 5)
            {
                harness.Time.Advance(TimeSpan.FromMinutes(5));
                await sockets.Client.SendAsync(Encoding.UTF8.GetBytes("""{"action":"echo"}"""), WebSocketMessageType.Text, true, CancellationToken.None);
                Assert.Equal("pong", (await sockets.ReceiveAsync(Deadline)).Text);
            }
            harness.Time.Advance(TimeSpan.FromMinutes(5));
            Assert.Equal(WebSocketMessageType.Close, (await sockets.ReceiveAsync(Deadline)).Type);
        }
    }
}
