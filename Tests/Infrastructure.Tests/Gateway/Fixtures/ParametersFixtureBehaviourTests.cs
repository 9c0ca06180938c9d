using WebSocketAspire.Tests.Infrastructure.Support;
using static WebSocketAspire.Tests.Infrastructure.Gateway.Fixtures.FixtureGateway;

namespace WebSocketAspire.Tests.Infrastructure.Gateway.Fixtures;

/// <summary>
/// parameters.yaml: the route key is <c>!Select [0, !Ref Handlers]</c>, the stage name and Worker's timeout
/// come from <c>Settings</c> by <c>Environment</c>, ProdOnlyFunction exists only under <c>IsProd</c>. Defaults
/// and <see cref="WebSocketAspire.Infrastructure.Template.Model.StackEnvironment.ParameterOverrides"/> must change
/// what the client and the function see.
/// </summary>
public sealed class ParametersFixtureBehaviourTests
{
    private const string ConnectionId = "conn00000000001=";

    private static readonly Dictionary<string, string> Prod = new(StringComparer.Ordinal) { ["Environment"] = "prod" };

    private static FixtureGateway Gateway(IReadOnlyDictionary<string, string>? overrides = null, bool serveWorker = true) =>
        Load("parameters.yaml", new Dictionary<string, Func<string, FunctionReply>?>(StringComparer.Ordinal)
        {
            ["Worker"] = serveWorker ? _ => FunctionReply.Proxy(200) : null,
        }, overrides);

    private static async Task<System.Text.Json.JsonElement> RequestContextOf(FixtureGateway gateway, string body)
    {
        var (connection, _) = gateway.Connect(ConnectionId);
        await gateway.SendAsync(connection, body);
        return Parse(Assert.Single(gateway.Function("Worker").Events)).GetProperty("requestContext");
    }

    [Fact]
    public async Task With_defaults_the_first_handler_is_the_route_and_the_stage_is_development()
    {
        await using var gateway = Gateway();

        var context = await RequestContextOf(gateway, """{"action":"connect"}""");

        Assert.Equal("connect", context.GetProperty("routeKey").GetString());
        Assert.Equal("development", context.GetProperty("stage").GetString());
    }

    [Fact]
    public async Task With_Environment_prod_the_function_sees_the_production_stage()
    {
        await using var gateway = Gateway(Prod);

        var context = await RequestContextOf(gateway, """{"action":"connect"}""");

        Assert.Equal("connect", context.GetProperty("routeKey").GetString());
        Assert.Equal("production", context.GetProperty("stage").GetString());
    }

    [Fact]
    public async Task Overriding_Handlers_moves_the_route_and_the_old_key_gets_the_Forbidden_frame()
    {
        await using var gateway = Gateway(new Dictionary<string, string>(StringComparer.Ordinal) { ["Handlers"] = "ping,pong" });
        var (connection, sockets) = gateway.Connect(ConnectionId);

        await gateway.SendAsync(connection, """{"action":"connect"}""");
        await gateway.SendAsync(connection, """{"action":"ping"}""");

        // No $default route: the old key has no route (request id 1); "ping" reaches the Worker.
        Assert.Equal(Forbidden(ConnectionId, 1), (await sockets.ReceiveAsync()).Text);
        var ping = Parse(Assert.Single(gateway.Function("Worker").Events));
        Assert.Equal("ping", ping.GetProperty("requestContext").GetProperty("routeKey").GetString());
    }

    [Fact]
    public async Task With_defaults_a_message_for_the_second_handler_has_no_route()
    {
        await using var gateway = Gateway();
        var (connection, sockets) = gateway.Connect(ConnectionId);

        await gateway.SendAsync(connection, """{"action":"sendmessage"}""");

        Assert.Equal(Forbidden(ConnectionId, 1), (await sockets.ReceiveAsync()).Text);
        Assert.Equal(0, gateway.Endpoint("Worker").InvocationCount);
    }

    [Theory]
    [InlineData(false, 5)]
    [InlineData(true, 30)] // Settings.prod.Timeout: the function's own timeout is its deadline, whatever the integration's.
    public async Task The_Workers_deadline_follows_the_mapped_timeout(bool prod, int seconds)
    {
        await using var gateway = Gateway(prod ? Prod : null, serveWorker: false);
        var (connection, _) = gateway.Connect(ConnectionId);

        var sending = gateway.SendAsync(connection, """{"action":"connect"}""");
        using var next = new CancellationTokenSource(Deadline);
        var invocation = await gateway.Endpoint("Worker").NextAsync(next.Token);

        Assert.Equal(GatewayHarness.Start + TimeSpan.FromSeconds(seconds), invocation.Deadline);
        gateway.Endpoint("Worker").Complete(invocation.RequestId, """{"statusCode":200}"""u8.ToArray(), null);
        await sending;
    }

    [Fact]
    public async Task The_dev_Worker_times_out_after_five_seconds_and_the_client_gets_the_error_frame()
    {
        await using var gateway = Gateway(serveWorker: false);
        var (connection, sockets) = gateway.Connect(ConnectionId);

        var sending = gateway.SendAsync(connection, """{"action":"connect"}""");
        using var next = new CancellationTokenSource(Deadline);
        var invocation = await gateway.Endpoint("Worker").NextAsync(next.Token);
        Assert.Equal(GatewayHarness.Start + TimeSpan.FromSeconds(5), invocation.Deadline);

        await FakeClock.AdvanceUntilDoneAsync(gateway.Time, sending);

        Assert.Equal(InternalServerError(ConnectionId, 1), (await sockets.ReceiveAsync()).Text);
        Assert.Equal(0, gateway.Endpoint("Worker").InFlightCount);
    }

    [Fact]
    public async Task The_condition_IsProd_decides_whether_ProdOnlyFunction_exists_to_be_invoked()
    {
        await using var dev = Gateway();
        await using var prod = Gateway(Prod);

        Assert.Null(dev.Context.Lambda.Find("ProdOnlyFunction"));
        Assert.NotNull(prod.Context.Lambda.Find("ProdOnlyFunction"));
        Assert.Equal("strict", prod.Stack.Functions["Worker"].Environment["MODE"]);
        Assert.Equal("relaxed", dev.Stack.Functions["Worker"].Environment["MODE"]);
    }
}
