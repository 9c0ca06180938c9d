using WebSocketAspire.Tests.Infrastructure.Support;
using static WebSocketAspire.Tests.Infrastructure.Gateway.Fixtures.FixtureGateway;

namespace WebSocketAspire.Tests.Infrastructure.Gateway.Fixtures;

/// <summary>
/// The JSON form behaves like the YAML stack. stack.json has no authorizer, so the authorizer path of
/// the real stack (stack.yaml, Infrastructure/template.yaml) is written as JSON in behaviour-authorizer.json;
/// every authorizer test runs on both. stack.json's own $default route is checked as well.
/// </summary>
public sealed class JsonFormFixtureBehaviourTests
{
    private static FixtureGateway Authorized(string fixture) =>
        Load(fixture, new Dictionary<string, Func<string, FunctionReply>?>(StringComparer.Ordinal)
        {
            ["AuthorizerFunction"] = e => Parse(e).GetProperty("headers").TryGetProperty("token", out var token) && token.GetString() == "hello"
                ? AllowFor(e, "me")
                : FunctionReply.Error("Unauthorized"),
            ["ConnectFunction"] = _ => FunctionReply.Proxy(200),
        });

    [Theory]
    [InlineData("stack.yaml")]
    [InlineData("behaviour-authorizer.json")]
    public async Task Without_the_token_header_the_handshake_is_401_and_nothing_is_invoked(string fixture)
    {
        await using var gateway = Authorized(fixture);

        var decision = await gateway.HandshakeAsync(Upgrade());

        Assert.Equal(401, decision.StatusCode);
        Assert.Equal(0, gateway.Endpoint("AuthorizerFunction").InvocationCount);
        Assert.Equal(0, gateway.Endpoint("ConnectFunction").InvocationCount);
    }

    [Theory]
    [InlineData("stack.yaml")]
    [InlineData("behaviour-authorizer.json")]
    public async Task With_token_hello_the_authorizer_runs_and_connect_is_invoked(string fixture)
    {
        await using var gateway = Authorized(fixture);

        var decision = await gateway.HandshakeAsync(Upgrade(extraHeaders: [new("token", ["hello"])]));

        Assert.Equal(101, decision.StatusCode);
        var authorizer = Parse(Assert.Single(gateway.Function("AuthorizerFunction").Events));
        Assert.Equal("hello", authorizer.GetProperty("headers").GetProperty("token").GetString());
        Assert.EndsWith("/stage/$connect", authorizer.GetProperty("methodArn").GetString(), StringComparison.Ordinal);
        var connect = Parse(Assert.Single(gateway.Function("ConnectFunction").Events)).GetProperty("requestContext");
        Assert.Equal("$connect", connect.GetProperty("routeKey").GetString());
        Assert.Equal("stage", connect.GetProperty("stage").GetString());
        Assert.Equal("me", connect.GetProperty("authorizer").GetProperty("principalId").GetString());
    }

    [Theory]
    [InlineData("stack.yaml")]
    [InlineData("behaviour-authorizer.json")]
    public async Task A_wrong_token_is_refused_by_the_authorizer_and_connect_is_never_invoked(string fixture)
    {
        await using var gateway = Authorized(fixture);

        var decision = await gateway.HandshakeAsync(Upgrade(extraHeaders: [new("token", ["nope"])]));

        Assert.Equal(401, decision.StatusCode); // the authorizer's error "Unauthorized"
        Assert.Equal(1, gateway.Endpoint("AuthorizerFunction").InvocationCount);
        Assert.Equal(0, gateway.Endpoint("ConnectFunction").InvocationCount);
    }

    [Fact]
    public async Task Stack_json_sends_every_message_to_its_default_route_on_stage_json()
    {
        await using var gateway = Load("stack.json", new Dictionary<string, Func<string, FunctionReply>?>(StringComparer.Ordinal)
        {
            ["Handler"] = _ => FunctionReply.Proxy(200, "one-way"),
        });
        var (connection, _) = gateway.Connect("conn00000000001=");

        var decision = await gateway.HandshakeAsync(Upgrade());
        await gateway.SendAsync(connection, """{"action":"anything"}""");
        await gateway.SendAsync(connection, "not json");

        Assert.Equal(101, decision.StatusCode);
        var events = gateway.Function("Handler").Events.Select(e => Parse(e).GetProperty("requestContext")).ToList();
        Assert.Equal(2, events.Count);
        Assert.All(events, e => Assert.Equal("$default", e.GetProperty("routeKey").GetString()));
        Assert.All(events, e => Assert.Equal("json", e.GetProperty("stage").GetString()));
    }
}
