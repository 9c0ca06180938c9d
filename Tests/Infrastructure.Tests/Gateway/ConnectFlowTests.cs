using System.Text.Json;
using WebSocketAspire.Infrastructure.Gateway;
using WebSocketAspire.Tests.Infrastructure.Support;

namespace WebSocketAspire.Tests.Infrastructure.Gateway;

public sealed class ConnectFlowTests
{
    private const string MethodArn = "arn:aws:execute-api:us-east-1:123456789012:abc123defg/prod/$connect";
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);

    private static string AllowPolicy(string context = """{"tenant":"t1","level":3,"admin":true}""") =>
        """{"principalId":"user-1","policyDocument":{"Version":"2012-10-17","Statement":[{"Action":"execute-api:Invoke","Effect":"Allow","Resource":"@ARN@"}]},"context":@CTX@}"""
            .Replace("@ARN@", MethodArn, StringComparison.Ordinal)
            .Replace("@CTX@", context, StringComparison.Ordinal);

    private static string DenyPolicy() => AllowPolicy().Replace("\"Allow\"", "\"Deny\"", StringComparison.Ordinal);

    private static GatewayHarness Harness(
        Func<string, FunctionReply>? authorizer,
        Func<string, FunctionReply>? connect,
        Action<ApiBuilder>? configure = null,
        bool withConnectRoute = true)
    {
        var api = new ApiBuilder()
            .Authorizer("Auth", "AuthFunction", "route.request.header.Authorization")
            .ProxyRoute("$disconnect", "DisconnectFunction")
            .ProxyRoute("sendmessage", "MessageFunction");
        if (withConnectRoute)
        {
            api.ProxyRoute("$connect", "ConnectFunction", ApiBuilder.Authorized("Auth"));
        }
        configure?.Invoke(api);
        return GatewayHarness.Create(api.Build(), new Dictionary<string, Func<string, FunctionReply>?>(StringComparer.Ordinal)
        {
            ["AuthFunction"] = authorizer ?? (_ => FunctionReply.Ok(AllowPolicy())),
            ["ConnectFunction"] = connect ?? (_ => FunctionReply.Proxy(200)),
            ["DisconnectFunction"] = _ => FunctionReply.Proxy(200),
            ["MessageFunction"] = _ => FunctionReply.Proxy(200),
        });
    }

    private static UpgradeRequest Upgrade(string? authorization = "Bearer good", params KeyValuePair<string, string[]>[] query)
    {
        List<KeyValuePair<string, string[]>> headers =
        [
            new("Host", ["127.0.0.1:3001"]),
            new("Connection", ["Upgrade"]),
            new("Upgrade", ["websocket"]),
            new("Sec-WebSocket-Key", ["+W5xw47OHh3OTFsWKjGu9Q=="]),
            new("Sec-WebSocket-Version", ["13"]),
            new("User-Agent", ["wscat"]),
        ];
        if (authorization is not null)
        {
            headers.Add(new("Authorization", [authorization]));
        }
        return new UpgradeRequest
        {
            Headers = headers,
            Query = query,
            SourceIp = "203.0.113.9",
            DomainName = "127.0.0.1:3001",
            Port = 3001,
        };
    }

    private static Task<ConnectDecision> Run(GatewayHarness harness, UpgradeRequest upgrade) =>
        new ConnectFlow(harness.Context).RunAsync(upgrade, CancellationToken.None).WaitAsync(Deadline);

    private static JsonElement Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public async Task A_missing_identity_source_is_401_without_invoking_the_authorizer(string? authorization)
    {
        await using var harness = Harness(authorizer: null, connect: null);

        var decision = await Run(harness, Upgrade(authorization));

        Assert.False(decision.Accepted);
        Assert.Equal(401, decision.StatusCode);
        Assert.Equal(0, harness.Endpoint("AuthFunction").InvocationCount);
        Assert.Equal(0, harness.Endpoint("ConnectFunction").InvocationCount);
    }

    public static TheoryData<string, int> AuthorizerOutcomes => new()
    {
        { "unauthorized", 401 },
        { "deny", 403 },
        { "crash", 500 },
        { "malformed", 500 },
    };

    [Theory]
    [MemberData(nameof(AuthorizerOutcomes))]
    public async Task The_authorizer_outcome_refuses_the_handshake_before_connect(string outcome, int status)
    {
        await using var harness = Harness(
            authorizer: _ => outcome switch
            {
                "unauthorized" => FunctionReply.Error("Unauthorized"),
                "deny" => FunctionReply.Ok(DenyPolicy()),
                "crash" => FunctionReply.Error("TypeError: cannot read properties of undefined"),
                _ => FunctionReply.Ok("""{"principalId":"u"}"""),
            },
            connect: null);

        var decision = await Run(harness, Upgrade());

        Assert.False(decision.Accepted);
        Assert.Equal(status, decision.StatusCode);
        Assert.Null(decision.Context);
        Assert.Equal(1, harness.Endpoint("AuthFunction").InvocationCount);
        Assert.Equal(0, harness.Endpoint("ConnectFunction").InvocationCount);
    }

    [Fact]
    public async Task The_authorizer_gets_a_REQUEST_event_for_the_connect_method_arn()
    {
        await using var harness = Harness(authorizer: null, connect: null);

        await Run(harness, Upgrade(query: new KeyValuePair<string, string[]>("token", ["q1"])));

        var authorizerEvent = Parse(Assert.Single(harness.Function("AuthFunction").Events));
        Assert.Equal("REQUEST", authorizerEvent.GetProperty("type").GetString());
        Assert.Equal(MethodArn, authorizerEvent.GetProperty("methodArn").GetString());
        var headers = authorizerEvent.GetProperty("headers");
        Assert.Equal("Bearer good", headers.GetProperty("Authorization").GetString());
        Assert.Equal("websocket", headers.GetProperty("Upgrade").GetString());
        Assert.Equal("0", headers.GetProperty("content-length").GetString());
        Assert.Equal("203.0.113.9", headers.GetProperty("X-Forwarded-For").GetString());
        Assert.Equal("3001", headers.GetProperty("X-Forwarded-Port").GetString());
        Assert.Equal("http", headers.GetProperty("X-Forwarded-Proto").GetString());
        Assert.Equal("q1", authorizerEvent.GetProperty("queryStringParameters").GetProperty("token").GetString());
        Assert.Equal("id0000000000001=", authorizerEvent.GetProperty("requestContext").GetProperty("connectionId").GetString());
    }

    [Fact]
    public async Task Allow_passes_principal_and_context_to_the_connect_integration()
    {
        await using var harness = Harness(authorizer: null, connect: null);

        var decision = await Run(harness, Upgrade());

        Assert.True(decision.Accepted);
        Assert.Equal(101, decision.StatusCode);
        var connectEvent = Parse(Assert.Single(harness.Function("ConnectFunction").Events));
        var headers = connectEvent.GetProperty("headers");
        Assert.False(headers.TryGetProperty("Connection", out _));
        Assert.False(headers.TryGetProperty("Upgrade", out _));
        Assert.False(headers.TryGetProperty("content-length", out _));
        Assert.Equal("Bearer good", headers.GetProperty("Authorization").GetString());
        var context = connectEvent.GetProperty("requestContext");
        Assert.Equal("$connect", context.GetProperty("routeKey").GetString());
        Assert.Equal("CONNECT", context.GetProperty("eventType").GetString());
        Assert.Equal("id0000000000001=", context.GetProperty("connectionId").GetString());
        Assert.Equal("id0000000000002=", context.GetProperty("requestId").GetString());
        Assert.Equal("prod", context.GetProperty("stage").GetString());
        Assert.Equal("abc123defg", context.GetProperty("apiId").GetString());
        Assert.Equal(GatewayHarness.Start.ToUnixTimeMilliseconds(), context.GetProperty("connectedAt").GetInt64());
        Assert.Equal("wscat", context.GetProperty("identity").GetProperty("userAgent").GetString());
        var authorizer = context.GetProperty("authorizer");
        Assert.Equal("user-1", authorizer.GetProperty("principalId").GetString());
        Assert.Equal(JsonValueKind.Number, authorizer.GetProperty("integrationLatency").ValueKind);
        Assert.Equal("t1", authorizer.GetProperty("tenant").GetString());
        Assert.Equal(3, authorizer.GetProperty("level").GetInt32());
        Assert.True(authorizer.GetProperty("admin").GetBoolean());

        Assert.NotNull(decision.Context);
        Assert.Equal("id0000000000001=", decision.Context.ConnectionId);
        Assert.Equal("user-1", decision.Context.Identity.Authorizer!["principalId"]);
        Assert.Equal("t1", decision.Context.Identity.Authorizer["tenant"]);
    }

    [Theory]
    [InlineData(200, true)]
    [InlineData(204, true)]
    [InlineData(299, true)]
    [InlineData(301, false)]
    [InlineData(400, false)]
    [InlineData(401, false)]
    [InlineData(403, false)]
    [InlineData(501, false)]
    public async Task The_connect_status_code_decides_the_handshake(int statusCode, bool accepted)
    {
        await using var harness = Harness(authorizer: null, connect: _ => FunctionReply.Proxy(statusCode));

        var decision = await Run(harness, Upgrade());

        Assert.Equal(accepted, decision.Accepted);
        Assert.Equal(accepted ? 101 : statusCode, decision.StatusCode);
    }

    [Theory]
    [InlineData("error")]
    [InlineData("malformed")]
    public async Task A_failing_connect_function_is_502(string failure)
    {
        await using var harness = Harness(
            authorizer: null,
            connect: _ => failure == "error" ? FunctionReply.Error("boom") : FunctionReply.Ok("""{"statusCode":"two hundred"}"""));

        var decision = await Run(harness, Upgrade());

        Assert.False(decision.Accepted);
        Assert.Equal(502, decision.StatusCode);
    }

    [Fact]
    public async Task Connect_result_headers_come_back_in_the_decision()
    {
        await using var harness = Harness(
            authorizer: null,
            connect: _ => FunctionReply.Ok("""{"statusCode":200,"headers":{"Sec-WebSocket-Protocol":"chat","X-Extra":"1"}}"""));

        var decision = await Run(harness, Upgrade());

        Assert.True(decision.Accepted);
        Assert.Equal("chat", decision.Headers["Sec-WebSocket-Protocol"]);
        Assert.Equal("1", decision.Headers["X-Extra"]);
    }

    [Fact]
    public async Task Without_a_connect_route_every_connection_is_accepted()
    {
        await using var harness = Harness(authorizer: null, connect: null, withConnectRoute: false);

        var decision = await Run(harness, Upgrade(authorization: null));

        Assert.True(decision.Accepted);
        Assert.Equal(0, harness.Endpoint("AuthFunction").InvocationCount);
        Assert.Null(decision.Context!.Identity.Authorizer);
    }

    [Fact]
    public async Task A_connect_route_without_integration_or_authorizer_is_accepted()
    {
        await using var harness = Harness(authorizer: null, connect: null, configure: api => api.Route("$connect"), withConnectRoute: false);

        var decision = await Run(harness, Upgrade(authorization: null));

        Assert.True(decision.Accepted);
        Assert.Equal(0, harness.Endpoint("ConnectFunction").InvocationCount);
    }

    [Fact]
    public async Task Without_an_authorizer_the_connect_event_has_no_authorizer_key()
    {
        await using var harness = Harness(
            authorizer: null,
            connect: null,
            configure: api => api.ProxyRoute("$connect", "ConnectFunction"),
            withConnectRoute: false);

        var decision = await Run(harness, Upgrade(authorization: null));

        Assert.True(decision.Accepted);
        var connectEvent = Parse(Assert.Single(harness.Function("ConnectFunction").Events));
        Assert.False(connectEvent.GetProperty("requestContext").TryGetProperty("authorizer", out _));
        Assert.Equal(0, harness.Endpoint("AuthFunction").InvocationCount);
    }

    [Theory]
    [InlineData("route.request.querystring.token", true)]
    [InlineData("route.request.querystring.other", false)]
    [InlineData("stageVariables.env", true)]
    [InlineData("stageVariables.missing", false)]
    [InlineData("context.connectionId", true)]
    public async Task Every_kind_of_identity_source_gates_the_authorizer(string source, bool invoked)
    {
        await using var harness = Harness(
            authorizer: null,
            connect: null,
            configure: api => api.Authorizer("Auth", "AuthFunction", source).StageVariable("env", "dev"));

        var decision = await Run(harness, Upgrade(authorization: null, new KeyValuePair<string, string[]>("token", ["q1"])));

        Assert.Equal(invoked ? 101 : 401, decision.StatusCode);
        Assert.Equal(invoked ? 1 : 0, harness.Endpoint("AuthFunction").InvocationCount);
    }

    [Fact]
    public async Task A_custom_route_whose_authorizer_is_missing_fails_closed()
    {
        await using var harness = Harness(
            authorizer: null,
            connect: null,
            configure: api => api.ProxyRoute("$connect", "ConnectFunction", ApiBuilder.Authorized("NoSuchAuthorizer")),
            withConnectRoute: false);

        var decision = await Run(harness, Upgrade(authorization: null));

        Assert.False(decision.Accepted);
        Assert.Equal(500, decision.StatusCode);
        Assert.Equal(0, harness.Endpoint("ConnectFunction").InvocationCount);
    }
}
