using System.Net.WebSockets;
using WebSocketAspire.Tests.Infrastructure.Support;
using static WebSocketAspire.Tests.Infrastructure.Gateway.Fixtures.FixtureGateway;

namespace WebSocketAspire.Tests.Infrastructure.Gateway.Fixtures;

/// <summary>
/// routes.yaml (and behaviour-routes.yaml for what it lacks) as a client sees it: the nested
/// <c>$request.body.meta.type</c> selection, one-way and two-way routes, the MOCK <c>$default</c>.
/// </summary>
public sealed class RoutesFixtureBehaviourTests
{
    private const string ConnectionId = "conn00000000001=";

    private static FixtureGateway Routes(Func<string, FunctionReply>? chat) =>
        Load("routes.yaml", new Dictionary<string, Func<string, FunctionReply>?>(StringComparer.Ordinal) { ["ChatFunction"] = chat });

    private static FixtureGateway Behaviour(Func<string, FunctionReply>? ask = null, Func<string, FunctionReply>? relay = null) =>
        Load("behaviour-routes.yaml", new Dictionary<string, Func<string, FunctionReply>?>(StringComparer.Ordinal)
        {
            ["AskFunction"] = ask ?? (_ => FunctionReply.Proxy(200, "asked")),
            ["RelayFunction"] = relay ?? (_ => FunctionReply.Ok("""{"relayed":true}""")),
        });

    [Theory]
    [InlineData("join")]
    [InlineData("leave")]
    [InlineData("say")]
    public async Task A_nested_selection_value_naming_a_custom_route_reaches_its_function(string type)
    {
        await using var gateway = Routes(_ => FunctionReply.Proxy(200));
        var (connection, _) = gateway.Connect(ConnectionId);
        var body = $$"""{"meta":{"type":"{{type}}"},"text":"hi"}""";

        await gateway.SendAsync(connection, body);

        var chat = Assert.Single(gateway.Function("ChatFunction").Events);
        var context = Parse(chat).GetProperty("requestContext");
        Assert.Equal(type, context.GetProperty("routeKey").GetString());
        Assert.Equal("MESSAGE", context.GetProperty("eventType").GetString());
        Assert.Equal("prod", context.GetProperty("stage").GetString());
        Assert.Equal(body, Parse(chat).GetProperty("body").GetString());
    }

    [Fact]
    public async Task The_function_keeps_its_own_Timeout_as_its_deadline_and_the_integrations_TimeoutInMillis_ends_the_wait()
    {
        // ChatFunction: Timeout 20; ChatIntegration: TimeoutInMillis 5000. Lambda's deadline is the function's
        // own; API Gateway stops waiting after 5 s and the client gets the error frame.
        await using var gateway = Routes(chat: null);
        var (connection, _) = gateway.Connect(ConnectionId);

        var sending = gateway.SendAsync(connection, """{"meta":{"type":"join"}}""");
        using var next = new CancellationTokenSource(Deadline);
        var invocation = await gateway.Endpoint("ChatFunction").NextAsync(next.Token);
        Assert.Equal(GatewayHarness.Start + TimeSpan.FromSeconds(20), invocation.Deadline);
        await FakeClock.AdvanceUntilDoneAsync(gateway.Time, sending);
        Assert.False(gateway.Endpoint("ChatFunction").Complete(invocation.RequestId, """{"statusCode":200}"""u8.ToArray(), null));
        Assert.True(gateway.Time.GetUtcNow() < GatewayHarness.Start + TimeSpan.FromSeconds(20), "the gateway gave up at the integration's 5 s");
    }

    [Theory]
    [InlineData("""{"meta":{"type":"wave"}}""")]
    [InlineData("""{"meta":{"type":"$connect"}}""")]
    [InlineData("""{"meta":{}}""")]
    [InlineData("""{"type":"join"}""")]
    public async Task An_unknown_value_goes_to_the_MOCK_default_route_not_to_the_functions(string body)
    {
        await using var gateway = Routes(_ => FunctionReply.Proxy(200));
        var (connection, sockets) = gateway.Connect(ConnectionId);

        await gateway.SendAsync(connection, body);

        // $default exists, so this is not the Forbidden (no route) frame: EchoIntegration has a request
        // template only for "echo" and PassthroughBehavior NEVER, so the MOCK cannot run and the client
        // gets the error frame (request id 1: the first id of the message).
        var frame = await sockets.ReceiveAsync();
        Assert.Equal(InternalServerError(ConnectionId, 1), frame.Text);
        Assert.Equal(0, gateway.Endpoint("ChatFunction").InvocationCount);
        Assert.Equal(WebSocketState.Open, connection.State);
    }

    [Fact]
    public async Task The_two_way_MOCK_echo_route_answers_with_its_response_template()
    {
        await using var gateway = Routes(_ => FunctionReply.Proxy(200));
        var (connection, sockets) = gateway.Connect(ConnectionId);

        await gateway.SendAsync(connection, """{"meta":{"type":"echo"}}""");

        // EchoIntegrationResponse: $default: '{"echo": "$context.routeKey"}'
        Assert.Equal("""{"echo": "echo"}""", (await sockets.ReceiveAsync()).Text);
        Assert.Equal(0, gateway.Endpoint("ChatFunction").InvocationCount);
    }

    [Fact]
    public async Task A_one_way_route_sends_nothing_back_even_when_its_function_returns_a_body()
    {
        await using var gateway = Routes(_ => FunctionReply.Proxy(200, "must not reach the client"));
        var (connection, sockets) = gateway.Connect(ConnectionId);

        await gateway.SendAsync(connection, """{"meta":{"type":"say"}}""");
        await gateway.SendAsync(connection, """{"meta":{"type":"echo"}}""");

        Assert.Single(gateway.Function("ChatFunction").Events);
        // The first frame the client sees is the echo's, so "say" sent none.
        Assert.Equal("""{"echo": "echo"}""", (await sockets.ReceiveAsync()).Text);
    }

    [Fact]
    public async Task A_two_way_proxy_route_sends_the_functions_body_back_as_a_frame()
    {
        await using var gateway = Behaviour(ask: _ => FunctionReply.Proxy(200, "the answer is 42"));
        var (connection, sockets) = gateway.Connect(ConnectionId);

        await gateway.SendAsync(connection, """{"meta":{"type":"ask"},"q":"?"}""");

        Assert.Equal("the answer is 42", (await sockets.ReceiveAsync()).Text);
        var ask = Assert.Single(gateway.Function("AskFunction").Events);
        Assert.Equal("ask", Parse(ask).GetProperty("requestContext").GetProperty("routeKey").GetString());
        Assert.Equal("beta", Parse(ask).GetProperty("requestContext").GetProperty("stage").GetString());
    }

    [Fact]
    public async Task A_two_way_MOCK_default_route_answers_with_its_response_template_and_stage_variables()
    {
        await using var gateway = Behaviour();
        var (connection, sockets) = gateway.Connect(ConnectionId);

        await gateway.SendAsync(connection, """{"meta":{"type":"nothing-like-this"}}""");

        Assert.Equal("""{"unknown": "$default", "room": "garden", "stage": "beta"}""", (await sockets.ReceiveAsync()).Text);
        Assert.Equal(0, gateway.Endpoint("AskFunction").InvocationCount);
        Assert.Equal(0, gateway.Endpoint("RelayFunction").InvocationCount);
    }

    [Fact]
    public async Task A_non_proxy_route_hands_the_function_its_rendered_request_template_with_stage_variables()
    {
        await using var gateway = Behaviour(relay: _ => FunctionReply.Ok("""{"relayed":"not for the client"}"""));
        var (connection, sockets) = gateway.Connect(ConnectionId);

        await gateway.SendAsync(connection, """{"meta":{"type":"relay"},"text":"hello garden"}""");
        await gateway.SendAsync(connection, """{"meta":{"type":"ask"}}""");

        var relay = Assert.Single(gateway.Function("RelayFunction").Events);
        Assert.Equal("""{"room": "garden", "stage": "beta", "route": "relay", "text": "hello garden"}""", relay);
        // relay is one-way: the next frame is the ask route's answer.
        Assert.Equal("asked", (await sockets.ReceiveAsync()).Text);
    }
}
