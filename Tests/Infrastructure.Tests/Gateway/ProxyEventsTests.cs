using System.Text.Json;
using WebSocketAspire.Infrastructure.Gateway;

namespace WebSocketAspire.Tests.Infrastructure.Gateway;

public sealed class ProxyEventsTests
{
    private static readonly DateTimeOffset ConnectedAt = new(2024, 1, 20, 11, 54, 57, 419, TimeSpan.Zero);
    private static readonly DateTimeOffset RequestTime = new(2024, 1, 20, 11, 55, 8, 326, TimeSpan.Zero);
    private const string MethodArn = "arn:aws:execute-api:us-east-1:123456789012:abc123defg/prod/$connect";

    private static readonly ConnectionIdentity Identity = new() { SourceIp = "203.0.113.9", DomainName = "127.0.0.1:3001" };

    private static RequestContextValues Context(string routeKey, string eventType, ConnectionIdentity? identity = null) => new()
    {
        RouteKey = routeKey,
        EventType = eventType,
        ConnectionId = "R1kmxc2VNjMCFIA=",
        RequestId = "R1koeHsUtjMFbRw=",
        RequestTime = RequestTime,
        ConnectedAt = ConnectedAt,
        Stage = "prod",
        ApiId = "abc123defg",
        Identity = identity ?? Identity,
    };

    private static UpgradeRequest Upgrade(params KeyValuePair<string, string[]>[] query) => new()
    {
        Headers =
        [
            new("Host", ["127.0.0.1:3001"]),
            new("Connection", ["Upgrade"]),
            new("Upgrade", ["websocket"]),
            new("Sec-WebSocket-Key", ["+W5xw47OHh3OTFsWKjGu9Q=="]),
            new("Sec-WebSocket-Version", ["13"]),
            new("Authorization", ["Bearer abc"]),
            new("X-Multi", ["a", "b"]),
        ],
        Query = query,
        SourceIp = "203.0.113.9",
        DomainName = "127.0.0.1:3001",
    };

    private static JsonElement Parse(byte[] json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }

    private static string[] Keys(JsonElement element) => [.. element.EnumerateObject().Select(p => p.Name)];

    [Fact]
    public void Connect_has_the_upgrade_headers_without_hop_by_hop_ones()
    {
        var root = Parse(ProxyEvents.Connect(Context("$connect", "CONNECT"), Upgrade()));

        // Sorted by name ignoring case, as in every capture (powertools apiGatewayWebSocketApiConnect.json).
        Assert.Equal(["Authorization", "Host", "Sec-WebSocket-Key", "Sec-WebSocket-Version", "X-Multi"], Keys(root.GetProperty("headers")));
        Assert.Equal("Bearer abc", root.GetProperty("headers").GetProperty("Authorization").GetString());
        Assert.Equal("a,b", root.GetProperty("headers").GetProperty("X-Multi").GetString());
        Assert.Equal(["a", "b"], root.GetProperty("multiValueHeaders").GetProperty("X-Multi").EnumerateArray().Select(v => v.GetString()));
        Assert.Equal(["127.0.0.1:3001"], root.GetProperty("multiValueHeaders").GetProperty("Host").EnumerateArray().Select(v => v.GetString()));
        Assert.Equal(Keys(root.GetProperty("headers")), Keys(root.GetProperty("multiValueHeaders")));
        Assert.False(root.GetProperty("isBase64Encoded").GetBoolean());
        Assert.False(root.TryGetProperty("body", out _));
    }

    [Fact]
    public void Connect_has_query_keys_only_when_there_is_a_query()
    {
        var without = Parse(ProxyEvents.Connect(Context("$connect", "CONNECT"), Upgrade()));
        var with = Parse(ProxyEvents.Connect(Context("$connect", "CONNECT"), Upgrade(new("token", ["x"]), new("tag", ["1", "2"]))));

        Assert.False(without.TryGetProperty("queryStringParameters", out _));
        Assert.False(without.TryGetProperty("multiValueQueryStringParameters", out _));
        Assert.Equal("x", with.GetProperty("queryStringParameters").GetProperty("token").GetString());
        Assert.Equal("2", with.GetProperty("queryStringParameters").GetProperty("tag").GetString());
        Assert.Equal(["1", "2"], with.GetProperty("multiValueQueryStringParameters").GetProperty("tag").EnumerateArray().Select(v => v.GetString()));
    }

    [Fact]
    public void Connect_request_context_has_every_field_in_its_format()
    {
        var context = Parse(ProxyEvents.Connect(Context("$connect", "CONNECT"), Upgrade())).GetProperty("requestContext");

        Assert.Equal("$connect", context.GetProperty("routeKey").GetString());
        Assert.Equal("CONNECT", context.GetProperty("eventType").GetString());
        Assert.Equal("R1koeHsUtjMFbRw=", context.GetProperty("requestId").GetString());
        Assert.Equal(context.GetProperty("requestId").GetString(), context.GetProperty("extendedRequestId").GetString());
        Assert.Equal("20/Jan/2024:11:55:08 +0000", context.GetProperty("requestTime").GetString());
        Assert.Equal("IN", context.GetProperty("messageDirection").GetString());
        Assert.Equal("prod", context.GetProperty("stage").GetString());
        Assert.Equal(JsonValueKind.Number, context.GetProperty("connectedAt").ValueKind);
        Assert.Equal(1705751697419, context.GetProperty("connectedAt").GetInt64());
        Assert.Equal(JsonValueKind.Number, context.GetProperty("requestTimeEpoch").ValueKind);
        Assert.Equal(1705751708326, context.GetProperty("requestTimeEpoch").GetInt64());
        Assert.Equal("127.0.0.1:3001", context.GetProperty("domainName").GetString());
        Assert.Equal("R1kmxc2VNjMCFIA=", context.GetProperty("connectionId").GetString());
        Assert.Equal("abc123defg", context.GetProperty("apiId").GetString());
        Assert.Equal(["sourceIp"], Keys(context.GetProperty("identity")));
        Assert.Equal("203.0.113.9", context.GetProperty("identity").GetProperty("sourceIp").GetString());
        foreach (var absent in new[] { "messageId", "disconnectStatusCode", "disconnectReason", "authorizer" })
        {
            Assert.False(context.TryGetProperty(absent, out _), absent);
        }
    }

    [Theory]
    [InlineData(2024, 1, 5, 3, 4, 5, "05/Jan/2024:03:04:05 +0000")]
    [InlineData(2023, 12, 31, 23, 59, 59, "31/Dec/2023:23:59:59 +0000")]
    [InlineData(2024, 2, 29, 0, 0, 0, "29/Feb/2024:00:00:00 +0000")]
    public void Request_time_is_CLF_in_UTC(int year, int month, int day, int hour, int minute, int second, string expected)
    {
        var local = new DateTimeOffset(year, month, day, hour, minute, second, TimeSpan.Zero).ToOffset(TimeSpan.FromHours(-5));
        var values = Context("$default", "MESSAGE") with { RequestTime = local };

        var context = Parse(ProxyEvents.Message(values, "x")).GetProperty("requestContext");

        Assert.Equal(expected, context.GetProperty("requestTime").GetString());
    }

    [Fact]
    public void UserAgent_is_in_identity_only_when_set()
    {
        var identity = Identity with { UserAgent = "Mozilla/5.0" };

        var context = Parse(ProxyEvents.Message(Context("$default", "MESSAGE", identity), "x")).GetProperty("requestContext");

        Assert.Equal("Mozilla/5.0", context.GetProperty("identity").GetProperty("userAgent").GetString());
        Assert.Equal("203.0.113.9", context.GetProperty("identity").GetProperty("sourceIp").GetString());
    }

    [Fact]
    public void Message_has_body_and_messageId_but_no_headers_or_query()
    {
        var values = Context("chat", "MESSAGE") with { MessageId = "BFaVtfGSIAMCKug=" };

        var root = Parse(ProxyEvents.Message(values, """{"action": "chat", "message": "hi"}"""));

        Assert.Equal(["requestContext", "body", "isBase64Encoded"], Keys(root));
        Assert.Equal("""{"action": "chat", "message": "hi"}""", root.GetProperty("body").GetString());
        Assert.Equal("BFaVtfGSIAMCKug=", root.GetProperty("requestContext").GetProperty("messageId").GetString());
        Assert.Equal("MESSAGE", root.GetProperty("requestContext").GetProperty("eventType").GetString());
        Assert.Equal("chat", root.GetProperty("requestContext").GetProperty("routeKey").GetString());
    }

    [Fact]
    public void Disconnect_has_the_synthetic_headers_and_the_close_code()
    {
        var values = Context("$disconnect", "DISCONNECT") with { Disconnect = new DisconnectInfo(1001, "") };

        var root = Parse(ProxyEvents.Disconnect(values));

        var headers = root.GetProperty("headers");
        Assert.Equal(["Host", "x-api-key", "X-Forwarded-For", "x-restapi"], Keys(headers));
        Assert.Equal("127.0.0.1:3001", headers.GetProperty("Host").GetString());
        Assert.Equal("", headers.GetProperty("x-api-key").GetString());
        Assert.Equal("", headers.GetProperty("X-Forwarded-For").GetString());
        Assert.Equal("", headers.GetProperty("x-restapi").GetString());
        Assert.Equal([""], root.GetProperty("multiValueHeaders").GetProperty("x-restapi").EnumerateArray().Select(v => v.GetString()));
        Assert.False(root.TryGetProperty("body", out _));
        Assert.False(root.TryGetProperty("queryStringParameters", out _));
        var context = root.GetProperty("requestContext");
        Assert.Equal(1001, context.GetProperty("disconnectStatusCode").GetInt32());
        Assert.Equal("", context.GetProperty("disconnectReason").GetString());
        Assert.Equal("DISCONNECT", context.GetProperty("eventType").GetString());
        Assert.False(context.TryGetProperty("messageId", out _));
    }

    [Fact]
    public void Authorizer_values_appear_on_every_event_type_with_their_types()
    {
        var identity = Identity with
        {
            Authorizer = new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                ["principalId"] = "user-1",
                ["integrationLatency"] = 12L,
                ["count"] = 3L,
                ["ratio"] = 1.5,
                ["admin"] = true,
            },
        };
        byte[][] events =
        [
            ProxyEvents.Connect(Context("$connect", "CONNECT", identity), Upgrade()),
            ProxyEvents.Message(Context("chat", "MESSAGE", identity) with { MessageId = "m" }, "x"),
            ProxyEvents.Disconnect(Context("$disconnect", "DISCONNECT", identity) with { Disconnect = new DisconnectInfo(1000, "Connection Closed Normally") }),
        ];

        foreach (var json in events)
        {
            var authorizer = Parse(json).GetProperty("requestContext").GetProperty("authorizer");
            Assert.Equal("user-1", authorizer.GetProperty("principalId").GetString());
            Assert.Equal(12, authorizer.GetProperty("integrationLatency").GetInt64());
            Assert.Equal(3, authorizer.GetProperty("count").GetInt64());
            Assert.Equal(1.5, authorizer.GetProperty("ratio").GetDouble());
            Assert.True(authorizer.GetProperty("admin").GetBoolean());
        }
    }

    [Fact]
    public void Authorizer_event_is_a_REQUEST_event_with_the_upgrade_headers()
    {
        var stageVariables = new Dictionary<string, string>(StringComparer.Ordinal);

        var root = Parse(ProxyEvents.Authorizer(Context("$connect", "CONNECT"), Upgrade(new KeyValuePair<string, string[]>("token", ["x"])), MethodArn, stageVariables));

        Assert.Equal("REQUEST", root.GetProperty("type").GetString());
        Assert.Equal(MethodArn, root.GetProperty("methodArn").GetString());
        var headers = root.GetProperty("headers");
        Assert.Equal("upgrade", headers.GetProperty("Connection").GetString()); // normalised, whatever the client sent
        Assert.Equal("websocket", headers.GetProperty("Upgrade").GetString());
        Assert.Equal("0", headers.GetProperty("content-length").GetString());
        Assert.Equal("Bearer abc", headers.GetProperty("Authorization").GetString());
        Assert.Equal(["0"], root.GetProperty("multiValueHeaders").GetProperty("content-length").EnumerateArray().Select(v => v.GetString()));
        Assert.Equal("x", root.GetProperty("queryStringParameters").GetProperty("token").GetString());
        Assert.Equal(JsonValueKind.Object, root.GetProperty("stageVariables").ValueKind);
        Assert.Empty(Keys(root.GetProperty("stageVariables")));
        Assert.Equal("CONNECT", root.GetProperty("requestContext").GetProperty("eventType").GetString());
        Assert.False(root.GetProperty("requestContext").TryGetProperty("authorizer", out _));
    }

    [Fact]
    public void Authorizer_event_carries_stage_variables_and_replaces_a_client_content_length_with_zero()
    {
        var upgrade = Upgrade() with { Headers = [.. Upgrade().Headers, new("Content-Length", ["12"])] };
        var stageVariables = new Dictionary<string, string>(StringComparer.Ordinal) { ["env"] = "dev" };

        var root = Parse(ProxyEvents.Authorizer(Context("$connect", "CONNECT"), upgrade, MethodArn, stageVariables));

        Assert.Equal("dev", root.GetProperty("stageVariables").GetProperty("env").GetString());
        Assert.Equal("content-length", Assert.Single(Keys(root.GetProperty("headers")), k => k.Equals("content-length", StringComparison.OrdinalIgnoreCase)));
        Assert.Equal("0", root.GetProperty("headers").GetProperty("content-length").GetString());
    }

    /// <summary>
    /// The shape of a real WebSocket REQUEST authorizer event for a handshake without a query string:
    /// aws-powertools/powertools-lambda-python tests/events/apiGatewayAuthorizerWebSocketEvent.json
    /// (captured Jan 2025): the top-level keys in this order, both query objects present and empty,
    /// headers sorted by name ignoring case.
    /// </summary>
    [Fact]
    public void Authorizer_event_without_a_query_string_matches_the_captured_shape()
    {
        var root = Parse(ProxyEvents.Authorizer(Context("$connect", "CONNECT"), Upgrade(), MethodArn, new Dictionary<string, string>()));

        Assert.Equal(["type", "methodArn", "headers", "multiValueHeaders", "queryStringParameters", "multiValueQueryStringParameters", "stageVariables", "requestContext"], Keys(root));
        Assert.Empty(Keys(root.GetProperty("queryStringParameters")));
        Assert.Empty(Keys(root.GetProperty("multiValueQueryStringParameters")));
        Assert.Equal(["Authorization", "Connection", "content-length", "Host", "Sec-WebSocket-Key", "Sec-WebSocket-Version", "Upgrade", "X-Multi"], Keys(root.GetProperty("headers")));
    }

    /// <summary>
    /// Key order of real AWS captures, event by event. Sources: aws-powertools/powertools-lambda-python
    /// tests/events/apiGatewayWebSocketApi{Connect,Message,Disconnect}.json (Nov 2024) and
    /// aws/aws-lambda-go events/testdata/apigw-websocket-request-{send-message,disconnect}.json (2024).
    /// </summary>
    public static TheoryData<string, string[], string[]> CapturedShapes => new()
    {
        {
            "CONNECT",
            ["headers", "multiValueHeaders", "requestContext", "isBase64Encoded"],
            ["routeKey", "eventType", "extendedRequestId", "requestTime", "messageDirection", "stage", "connectedAt", "requestTimeEpoch", "identity", "requestId", "domainName", "connectionId", "apiId"]
        },
        {
            "MESSAGE",
            ["requestContext", "body", "isBase64Encoded"],
            ["routeKey", "messageId", "eventType", "extendedRequestId", "requestTime", "messageDirection", "stage", "connectedAt", "requestTimeEpoch", "identity", "requestId", "domainName", "connectionId", "apiId"]
        },
        {
            "DISCONNECT",
            ["headers", "multiValueHeaders", "requestContext", "isBase64Encoded"],
            ["routeKey", "disconnectStatusCode", "eventType", "extendedRequestId", "requestTime", "messageDirection", "disconnectReason", "stage", "connectedAt", "requestTimeEpoch", "identity", "requestId", "domainName", "connectionId", "apiId"]
        },
    };

    [Theory]
    [MemberData(nameof(CapturedShapes))]
    public void Each_event_has_the_keys_of_the_real_capture_in_its_order(string eventType, string[] topLevel, string[] requestContext)
    {
        var root = Parse(eventType switch
        {
            "CONNECT" => ProxyEvents.Connect(Context("$connect", "CONNECT"), Upgrade()),
            "MESSAGE" => ProxyEvents.Message(Context("chat", "MESSAGE") with { MessageId = "BFaVtfGSIAMCKug=" }, "{}"),
            _ => ProxyEvents.Disconnect(Context("$disconnect", "DISCONNECT") with { Disconnect = new DisconnectInfo(1005, "Client-side close frame status not set") }),
        });

        Assert.Equal(topLevel, Keys(root));
        Assert.Equal(requestContext, Keys(root.GetProperty("requestContext")));
    }
}
