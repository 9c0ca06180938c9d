using System.Net.WebSockets;
using System.Text.Json;
using WebSocketAspire.Infrastructure.Gateway;
using WebSocketAspire.Tests.Infrastructure.Support;

namespace WebSocketAspire.Tests.Infrastructure.Gateway;

public sealed class MessageFlowTests
{
    private const string ConnectionId = "conn00000000001=";
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);

    private static string Forbidden(int requestId) =>
        """{"message": "Forbidden", "connectionId":"conn00000000001=", "requestId":"@ID@"}""".Replace("@ID@", SequentialIdGenerator.Format(requestId), StringComparison.Ordinal);

    private static string InternalServerError(int requestId) =>
        """{"message": "Internal server error", "connectionId":"conn00000000001=", "requestId":"@ID@"}""".Replace("@ID@", SequentialIdGenerator.Format(requestId), StringComparison.Ordinal);

    private static GatewayHarness Harness(
        Func<string, FunctionReply>? oneWay = null,
        Func<string, FunctionReply>? twoWay = null,
        Func<string, FunctionReply>? fallback = null,
        bool withDefault = false)
    {
        var api = new ApiBuilder()
            .ProxyRoute("$connect", "ConnectFunction")
            .ProxyRoute("$disconnect", "DisconnectFunction")
            .ProxyRoute("oneway", "OneWayFunction")
            .ProxyRoute("twoway", "TwoWayFunction", ApiBuilder.TwoWay);
        if (withDefault)
        {
            api.ProxyRoute("$default", "DefaultFunction");
        }
        return GatewayHarness.Create(api.Build(), new Dictionary<string, Func<string, FunctionReply>?>(StringComparer.Ordinal)
        {
            ["ConnectFunction"] = _ => FunctionReply.Proxy(200),
            ["DisconnectFunction"] = _ => FunctionReply.Proxy(200),
            ["OneWayFunction"] = oneWay ?? (_ => FunctionReply.Proxy(200, "one-way reply")),
            ["TwoWayFunction"] = twoWay ?? (_ => FunctionReply.Proxy(200, "pong")),
            ["DefaultFunction"] = fallback ?? (_ => FunctionReply.Proxy(200, "default reply")),
        });
    }

    private static Task Send(GatewayHarness harness, GatewayConnection connection, string body) =>
        new MessageFlow(harness.Context).HandleAsync(connection, body, CancellationToken.None).WaitAsync(Deadline);

    private static JsonElement Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }

    [Theory]
    [InlineData("""{"action":"nope"}""")]
    [InlineData("""{"action":"$connect"}""")]
    [InlineData("hi")]
    public async Task No_route_and_no_default_sends_the_Forbidden_frame_and_keeps_the_connection(string body)
    {
        await using var harness = Harness();
        var (connection, sockets) = harness.Connect(ConnectionId);

        await Send(harness, connection, body);

        var frame = await sockets.ReceiveAsync();
        Assert.Equal(WebSocketMessageType.Text, frame.Type);
        Assert.Equal(Forbidden(1), frame.Text);
        Assert.Equal(WebSocketState.Open, connection.State);
        Assert.Equal(0, harness.Endpoint("ConnectFunction").InvocationCount);
    }

    [Fact]
    public async Task Each_message_gets_its_own_request_id()
    {
        await using var harness = Harness();
        var (connection, sockets) = harness.Connect(ConnectionId);

        await Send(harness, connection, "first");
        await Send(harness, connection, "second");

        Assert.Equal(Forbidden(1), (await sockets.ReceiveAsync()).Text);
        Assert.Equal(Forbidden(3), (await sockets.ReceiveAsync()).Text);
    }

    [Theory]
    [InlineData("error")]
    [InlineData("malformed")]
    public async Task A_failing_integration_sends_the_Internal_server_error_frame(string failure)
    {
        FunctionReply Fail(string _) => failure == "error" ? FunctionReply.Error("boom") : FunctionReply.Ok("""{"statusCode":"abc"}""");
        await using var harness = Harness(oneWay: Fail, twoWay: Fail);
        var (connection, sockets) = harness.Connect(ConnectionId);

        await Send(harness, connection, """{"action":"oneway"}""");
        await Send(harness, connection, """{"action":"twoway"}""");

        Assert.Equal(InternalServerError(1), (await sockets.ReceiveAsync()).Text);
        Assert.Equal(InternalServerError(3), (await sockets.ReceiveAsync()).Text);
        Assert.Equal(WebSocketState.Open, connection.State);
    }

    [Fact]
    public async Task A_timed_out_integration_sends_the_Internal_server_error_frame()
    {
        await using var harness = GatewayHarness.Create(
            new ApiBuilder().ProxyRoute("slow", "SlowFunction").Build(),
            new Dictionary<string, Func<string, FunctionReply>?>(StringComparer.Ordinal) { ["SlowFunction"] = null });
        var (connection, sockets) = harness.Connect(ConnectionId);

        var handling = new MessageFlow(harness.Context).HandleAsync(connection, """{"action":"slow"}""", CancellationToken.None);
        Assert.Equal(1, harness.Endpoint("SlowFunction").PendingCount);
        // Nobody takes it: the integration's 29 s timeout ends the wait (queueing does not count against the function's).
        await FakeClock.AdvanceUntilDoneAsync(harness.Time, handling);

        Assert.Equal(InternalServerError(1), (await sockets.ReceiveAsync()).Text);
    }

    [Fact]
    public async Task A_two_way_route_sends_the_proxy_result_body()
    {
        await using var harness = Harness();
        var (connection, sockets) = harness.Connect(ConnectionId);

        await Send(harness, connection, """{"action":"twoway"}""");

        var frame = await sockets.ReceiveAsync();
        Assert.Equal(WebSocketMessageType.Text, frame.Type);
        Assert.Equal("pong", frame.Text);
    }

    [Theory]
    [InlineData("oneway", """{"statusCode":200,"body":"one-way reply"}""")]
    [InlineData("twoway", """{"statusCode":200}""")]
    [InlineData("twoway", """{"statusCode":200,"body":null}""")]
    public async Task Nothing_is_sent_for_one_way_routes_or_without_a_body(string action, string result)
    {
        await using var harness = Harness(oneWay: _ => FunctionReply.Ok(result), twoWay: _ => FunctionReply.Ok(result));
        var (connection, sockets) = harness.Connect(ConnectionId);

        await Send(harness, connection, $$"""{"action":"{{action}}"}""");
        await Send(harness, connection, """{"action":"unrouted"}""");

        Assert.Equal(Forbidden(3), (await sockets.ReceiveAsync()).Text);
    }

    [Fact]
    public async Task A_non_2xx_status_on_a_message_route_keeps_the_connection_open()
    {
        await using var harness = Harness(oneWay: _ => FunctionReply.Proxy(500, "oops"));
        var (connection, sockets) = harness.Connect(ConnectionId);

        await Send(harness, connection, """{"action":"oneway"}""");
        await Send(harness, connection, """{"action":"unrouted"}""");

        Assert.Equal(Forbidden(3), (await sockets.ReceiveAsync()).Text);
        Assert.Equal(WebSocketState.Open, connection.State);
    }

    [Theory]
    [InlineData("""{"action":"unknown"}""")]
    [InlineData("not json")]
    [InlineData("""{"action":"$disconnect"}""")]
    public async Task Unmatched_messages_go_to_default(string body)
    {
        await using var harness = Harness(withDefault: true);
        var (connection, _) = harness.Connect(ConnectionId);

        await Send(harness, connection, body);

        var defaultEvent = Parse(Assert.Single(harness.Function("DefaultFunction").Events));
        Assert.Equal("$default", defaultEvent.GetProperty("requestContext").GetProperty("routeKey").GetString());
        Assert.Equal(body, defaultEvent.GetProperty("body").GetString());
        Assert.Equal(0, harness.Endpoint("DisconnectFunction").InvocationCount);
    }

    [Fact]
    public async Task The_function_gets_a_MESSAGE_event_with_the_connection_context()
    {
        await using var harness = Harness();
        var identity = new ConnectionIdentity
        {
            SourceIp = "203.0.113.9",
            UserAgent = "wscat",
            DomainName = "127.0.0.1:3001",
            Authorizer = new Dictionary<string, object?>(StringComparer.Ordinal) { ["principalId"] = "user-1", ["tenant"] = "t1" },
        };
        var (connection, sockets) = harness.Connect(ConnectionId, identity);
        harness.Time.Advance(TimeSpan.FromSeconds(5));

        await Send(harness, connection, """{"action":"twoway","text":"hi"}""");
        await sockets.ReceiveAsync();

        var root = Parse(Assert.Single(harness.Function("TwoWayFunction").Events));
        Assert.False(root.TryGetProperty("headers", out _));
        Assert.False(root.TryGetProperty("multiValueHeaders", out _));
        Assert.Equal("""{"action":"twoway","text":"hi"}""", root.GetProperty("body").GetString());
        var context = root.GetProperty("requestContext");
        Assert.Equal("twoway", context.GetProperty("routeKey").GetString());
        Assert.Equal("MESSAGE", context.GetProperty("eventType").GetString());
        Assert.Equal(ConnectionId, context.GetProperty("connectionId").GetString());
        Assert.Equal("id0000000000001=", context.GetProperty("requestId").GetString());
        Assert.Equal("id0000000000002=", context.GetProperty("messageId").GetString());
        Assert.Equal(GatewayHarness.Start.ToUnixTimeMilliseconds(), context.GetProperty("connectedAt").GetInt64());
        Assert.Equal(GatewayHarness.Start.AddSeconds(5).ToUnixTimeMilliseconds(), context.GetProperty("requestTimeEpoch").GetInt64());
        Assert.Equal("20/Jan/2024:11:55:05 +0000", context.GetProperty("requestTime").GetString());
        Assert.Equal("wscat", context.GetProperty("identity").GetProperty("userAgent").GetString());
        Assert.Equal("user-1", context.GetProperty("authorizer").GetProperty("principalId").GetString());
        Assert.Equal("t1", context.GetProperty("authorizer").GetProperty("tenant").GetString());
    }
}
