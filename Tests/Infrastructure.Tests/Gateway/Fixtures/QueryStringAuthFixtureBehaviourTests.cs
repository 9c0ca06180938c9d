using WebSocketAspire.Tests.Infrastructure.Support;
using static WebSocketAspire.Tests.Infrastructure.Gateway.Fixtures.FixtureGateway;

namespace WebSocketAspire.Tests.Infrastructure.Gateway.Fixtures;

/// <summary>
/// querystring-auth.yaml: the REQUEST authorizer's identity sources are <c>route.request.querystring.token</c>
/// and <c>stageVariables.realm</c>; the Stage is <c>v1</c> with <c>realm: local</c>; AuthFunction serves
/// both the authorizer and the <c>$connect</c> integration.
/// </summary>
public sealed class QueryStringAuthFixtureBehaviourTests
{
    private static FixtureGateway Gateway() =>
        Load("querystring-auth.yaml", new Dictionary<string, Func<string, FunctionReply>?>(StringComparer.Ordinal)
        {
            // The same function answers the authorizer (type REQUEST) and the $connect proxy event.
            ["AuthFunction"] = e => Parse(e).TryGetProperty("methodArn", out _) ? AllowFor(e, "query-user") : FunctionReply.Proxy(200),
        });

    private static KeyValuePair<string, string[]> Query(string name, string value) => new(name, [value]);

    [Fact]
    public async Task Without_the_query_string_token_the_handshake_is_401_and_the_authorizer_is_never_invoked()
    {
        await using var gateway = Gateway();

        var decision = await gateway.HandshakeAsync(Upgrade(query: [Query("other", "x")]));

        Assert.Equal(401, decision.StatusCode);
        Assert.False(decision.Accepted);
        Assert.Equal(0, gateway.Endpoint("AuthFunction").InvocationCount);
    }

    [Fact]
    public async Task An_empty_query_string_token_counts_as_missing()
    {
        await using var gateway = Gateway();

        var decision = await gateway.HandshakeAsync(Upgrade(query: [Query("token", "")]));

        Assert.Equal(401, decision.StatusCode);
        Assert.Equal(0, gateway.Endpoint("AuthFunction").InvocationCount);
    }

    [Fact]
    public async Task A_token_header_is_not_the_query_string_identity_source()
    {
        await using var gateway = Gateway();

        var decision = await gateway.HandshakeAsync(Upgrade(extraHeaders: [new("token", ["abc"])]));

        Assert.Equal(401, decision.StatusCode);
        Assert.Equal(0, gateway.Endpoint("AuthFunction").InvocationCount);
    }

    [Fact]
    public async Task With_the_token_the_authorizer_receives_the_query_string_and_the_stages_variables()
    {
        await using var gateway = Gateway();

        var decision = await gateway.HandshakeAsync(Upgrade(query: [Query("token", "abc"), Query("room", "7")]));

        Assert.Equal(101, decision.StatusCode);
        var events = gateway.Function("AuthFunction").Events;
        Assert.Equal(2, events.Count);
        var authorizer = Parse(events[0]);
        Assert.Equal("REQUEST", authorizer.GetProperty("type").GetString());
        Assert.Equal("abc", authorizer.GetProperty("queryStringParameters").GetProperty("token").GetString());
        Assert.Equal("7", authorizer.GetProperty("queryStringParameters").GetProperty("room").GetString());
        var stageVariables = authorizer.GetProperty("stageVariables");
        Assert.Equal("local", stageVariables.GetProperty("realm").GetString());
        Assert.Single(stageVariables.EnumerateObject());
        Assert.EndsWith($":{gateway.Stack.Api.ApiId}/v1/$connect", authorizer.GetProperty("methodArn").GetString(), StringComparison.Ordinal);
        Assert.Equal("v1", authorizer.GetProperty("requestContext").GetProperty("stage").GetString());
    }

    [Fact]
    public async Task After_the_authorizer_allows_the_connect_integration_gets_the_query_string_and_the_principal()
    {
        await using var gateway = Gateway();

        var decision = await gateway.HandshakeAsync(Upgrade(query: [Query("token", "abc")]));

        Assert.True(decision.Accepted);
        Assert.Equal("v1", decision.Context!.Stage);
        var connect = Parse(gateway.Function("AuthFunction").Events[1]);
        Assert.Equal("abc", connect.GetProperty("queryStringParameters").GetProperty("token").GetString());
        var context = connect.GetProperty("requestContext");
        Assert.Equal("$connect", context.GetProperty("routeKey").GetString());
        Assert.Equal("CONNECT", context.GetProperty("eventType").GetString());
        Assert.Equal("v1", context.GetProperty("stage").GetString());
        Assert.Equal("query-user", context.GetProperty("authorizer").GetProperty("principalId").GetString());
    }

    [Fact]
    public async Task Messages_select_on_kind_and_action_and_with_no_such_route_get_the_Forbidden_frame()
    {
        // RouteSelectionExpression "${request.body.kind}:${request.body.action}" and no route but $connect.
        await using var gateway = Gateway();
        var (connection, sockets) = gateway.Connect("conn00000000001=");

        await gateway.SendAsync(connection, """{"kind":"chat","action":"send"}""");

        Assert.Equal(Forbidden("conn00000000001=", 1), (await sockets.ReceiveAsync()).Text);
        Assert.Equal(0, gateway.Endpoint("AuthFunction").InvocationCount);
    }
}
