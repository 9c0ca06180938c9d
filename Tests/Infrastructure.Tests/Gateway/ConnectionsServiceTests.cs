using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using WebSocketAspire.Infrastructure.Gateway;
using WebSocketAspire.Tests.Infrastructure.Support;

namespace WebSocketAspire.Tests.Infrastructure.Gateway;

public sealed class ConnectionsServiceTests
{
    private const string ConnectionId = "conn00000000001=";
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);

    private static GatewayHarness Harness() =>
        GatewayHarness.Create(new ApiBuilder().Build(), new Dictionary<string, Func<string, FunctionReply>?>(StringComparer.Ordinal));

    private static JsonElement Parse(byte[]? json)
    {
        Assert.NotNull(json);
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }

    private static void AssertGone(ConnectionsResponse response, string connectionId)
    {
        Assert.Equal(410, response.StatusCode);
        Assert.Equal("GoneException", response.ErrorType);
        Assert.Contains(connectionId, Parse(response.Body).GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_operation_on_an_unknown_id_is_410_GoneException()
    {
        await using var harness = Harness();
        var service = new ConnectionsService(harness.Connections);

        AssertGone(await service.PostAsync("unknown", "hi"u8.ToArray(), CancellationToken.None), "unknown");
        AssertGone(service.Get("unknown"), "unknown");
        AssertGone(await service.DeleteAsync("unknown", CancellationToken.None), "unknown");
    }

    [Fact]
    public async Task Post_sends_the_data_as_a_text_frame()
    {
        await using var harness = Harness();
        var (_, sockets) = harness.Connect(ConnectionId);
        var service = new ConnectionsService(harness.Connections);

        var response = await service.PostAsync(ConnectionId, Encoding.UTF8.GetBytes("""{"text":"héllo"}"""), CancellationToken.None).WaitAsync(Deadline);

        Assert.Equal(200, response.StatusCode);
        Assert.Null(response.ErrorType);
        Assert.Null(response.Body);
        var frame = await sockets.ReceiveAsync();
        Assert.Equal(WebSocketMessageType.Text, frame.Type);
        Assert.Equal("""{"text":"héllo"}""", frame.Text);
    }

    [Fact]
    public async Task Post_over_128_KB_is_413_and_sends_nothing()
    {
        await using var harness = Harness();
        var (_, sockets) = harness.Connect(ConnectionId);
        var service = new ConnectionsService(harness.Connections);

        var response = await service.PostAsync(ConnectionId, new byte[128 * 1024 + 1], CancellationToken.None);
        await service.PostAsync(ConnectionId, "next"u8.ToArray(), CancellationToken.None).WaitAsync(Deadline);

        Assert.Equal(413, response.StatusCode);
        Assert.Equal("PayloadTooLargeException", response.ErrorType);
        Assert.True(Parse(response.Body).TryGetProperty("message", out _));
        Assert.Equal("next", (await sockets.ReceiveAsync()).Text);
    }

    [Fact]
    public async Task Post_of_exactly_128_KB_is_delivered()
    {
        await using var harness = Harness();
        var (_, sockets) = harness.Connect(ConnectionId);
        var service = new ConnectionsService(harness.Connections);
        var data = Encoding.ASCII.GetBytes(new string('x', 128 * 1024));

        var receiving = sockets.ReceiveAsync();
        var response = await service.PostAsync(ConnectionId, data, CancellationToken.None).WaitAsync(Deadline);

        Assert.Equal(200, response.StatusCode);
        Assert.Equal(128 * 1024, (await receiving).Text.Length);
    }

    [Fact]
    public async Task Get_reports_times_in_ISO_8601_and_the_identity()
    {
        await using var harness = Harness();
        var identity = new ConnectionIdentity { SourceIp = "203.0.113.9", UserAgent = "wscat", DomainName = "127.0.0.1:3001" };
        var (connection, _) = harness.Connect(ConnectionId, identity);
        var service = new ConnectionsService(harness.Connections);
        harness.Time.Advance(TimeSpan.FromMilliseconds(7250));
        connection.Touch();

        var response = service.Get(ConnectionId);

        Assert.Equal(200, response.StatusCode);
        Assert.Null(response.ErrorType);
        var root = Parse(response.Body);
        Assert.Equal("2024-01-20T11:55:00.000Z", root.GetProperty("connectedAt").GetString());
        Assert.Equal("2024-01-20T11:55:07.250Z", root.GetProperty("lastActiveAt").GetString());
        Assert.Equal("203.0.113.9", root.GetProperty("identity").GetProperty("sourceIp").GetString());
        Assert.Equal("wscat", root.GetProperty("identity").GetProperty("userAgent").GetString());
    }

    [Fact]
    public async Task Get_omits_a_user_agent_the_client_did_not_send()
    {
        await using var harness = Harness();
        harness.Connect(ConnectionId);
        var service = new ConnectionsService(harness.Connections);

        var identity = Parse(service.Get(ConnectionId).Body).GetProperty("identity");

        Assert.Equal(["sourceIp"], identity.EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public async Task A_post_counts_as_activity()
    {
        await using var harness = Harness();
        var (_, sockets) = harness.Connect(ConnectionId);
        var service = new ConnectionsService(harness.Connections);
        harness.Time.Advance(TimeSpan.FromSeconds(42));

        await service.PostAsync(ConnectionId, "hi"u8.ToArray(), CancellationToken.None).WaitAsync(Deadline);
        await sockets.ReceiveAsync();

        Assert.Equal("2024-01-20T11:55:42.000Z", Parse(service.Get(ConnectionId).Body).GetProperty("lastActiveAt").GetString());
    }

    [Fact]
    public async Task Delete_is_204_and_closes_the_socket_with_1000()
    {
        await using var harness = Harness();
        var (connection, sockets) = harness.Connect(ConnectionId);
        var service = new ConnectionsService(harness.Connections);

        var response = await service.DeleteAsync(ConnectionId, CancellationToken.None).WaitAsync(Deadline);

        Assert.Equal(204, response.StatusCode);
        Assert.Null(response.Body);
        var frame = await sockets.ReceiveAsync();
        Assert.Equal(WebSocketMessageType.Close, frame.Type);
        Assert.Equal(WebSocketCloseStatus.NormalClosure, frame.CloseStatus);
        Assert.Equal(new DisconnectInfo(1000, "Connection Closed Normally"), connection.Disconnect);
        AssertGone(await service.PostAsync(ConnectionId, "late"u8.ToArray(), CancellationToken.None), ConnectionId);
    }
}
