using System.Text.Json;
using WebSocketAspire.Infrastructure.Gateway;
using WebSocketAspire.Infrastructure.Template.Model;
using WebSocketAspire.Tests.Infrastructure.Support;

namespace WebSocketAspire.Tests.Infrastructure.Gateway;

/// <summary>AWS (non-proxy) and MOCK integrations through the real VTL engine: request templates, passthrough, response templates, template errors.</summary>
public sealed class MappedIntegrationTests
{
    private const string ConnectionId = "conn00000000001=";
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);

    private static GatewayHarness Harness(IntegrationModel integration, bool twoWay, Func<string, FunctionReply>? function = null)
    {
        var api = new ApiBuilder().Route("chat", r => (twoWay ? ApiBuilder.TwoWay(r) : r) with { IntegrationId = integration.LogicalId }).Build();
        api = api with { Integrations = new Dictionary<string, IntegrationModel>(StringComparer.Ordinal) { [integration.LogicalId] = integration } };
        return GatewayHarness.Create(api, new Dictionary<string, Func<string, FunctionReply>?>(StringComparer.Ordinal)
        {
            ["ChatFunction"] = function ?? (_ => FunctionReply.Ok("""{"ok":true}""")),
        });
    }

    private static IntegrationModel Aws(IReadOnlyDictionary<string, string> templates, string? selection = "\\$default",
        PassthroughBehavior passthrough = PassthroughBehavior.WhenNoMatch, IReadOnlyList<IntegrationResponseModel>? responses = null) => new()
    {
        LogicalId = "ChatIntegration",
        Type = IntegrationType.Aws,
        FunctionId = "ChatFunction",
        RequestTemplates = templates,
        TemplateSelectionExpression = selection,
        PassthroughBehavior = passthrough,
        Responses = responses ?? [],
    };

    private static async Task<string?> SendAsync(GatewayHarness harness, string body, bool expectFrame)
    {
        var (connection, sockets) = harness.Connect(ConnectionId, new ConnectionIdentity
        {
            SourceIp = "203.0.113.9",
            DomainName = "127.0.0.1:3001",
            Authorizer = new Dictionary<string, object?> { ["principalId"] = "me", ["token"] = "hello", ["n"] = 3L },
        });
        await new MessageFlow(harness.Context).HandleAsync(connection, body, CancellationToken.None).WaitAsync(Deadline);
        return expectFrame ? (await sockets.ReceiveAsync(Deadline)).Text : null;
    }

    [Fact]
    public async Task The_function_receives_the_rendered_template_with_context_and_escaped_body()
    {
        var template = """{"cid":"$context.connectionId","who":"$context.authorizer.principalId","n":"$context.authorizer.n","route":"$context.routeKey","body":"$util.escapeJavaScript($input.body).replaceAll("\\'","'")"}""";
        await using var harness = Harness(Aws(new Dictionary<string, string> { ["$default"] = template }), twoWay: false);
        const string body = """{"action":"chat","text":"it's \"ü\""}""";

        await SendAsync(harness, body, expectFrame: false);

        using var payload = JsonDocument.Parse(Assert.Single(harness.Function("ChatFunction").Events));
        var root = payload.RootElement;
        Assert.Equal(ConnectionId, root.GetProperty("cid").GetString());
        Assert.Equal("me", root.GetProperty("who").GetString());
        Assert.Equal("3", root.GetProperty("n").GetString());
        Assert.Equal("chat", root.GetProperty("route").GetString());
        Assert.Equal(body, root.GetProperty("body").GetString());
    }

    [Fact]
    public async Task Without_a_matching_template_WHEN_NO_MATCH_passes_the_body_through()
    {
        await using var harness = Harness(Aws(new Dictionary<string, string> { ["other"] = "{}" }, selection: "${request.body.kind}"), twoWay: false);
        await SendAsync(harness, """{"action":"chat","kind":"none"}""", expectFrame: false);
        Assert.Equal("""{"action":"chat","kind":"none"}""", Assert.Single(harness.Function("ChatFunction").Events));
    }

    [Fact]
    public async Task Without_a_matching_template_NEVER_rejects_with_an_error_frame_and_no_invocation()
    {
        await using var harness = Harness(Aws(new Dictionary<string, string> { ["other"] = "{}" }, selection: "${request.body.kind}", passthrough: PassthroughBehavior.Never), twoWay: false);
        var frame = await SendAsync(harness, """{"action":"chat","kind":"none"}""", expectFrame: true);
        Assert.Contains("\"message\": \"Internal server error\"", frame, StringComparison.Ordinal);
        Assert.Equal(0, harness.Endpoint("ChatFunction").InvocationCount);
    }

    [Fact]
    public async Task A_template_that_fails_to_render_gives_the_error_frame_and_no_invocation()
    {
        // Past the 1,000-iteration #foreach limit: a VelocityException at render time.
        await using var harness = Harness(Aws(new Dictionary<string, string> { ["$default"] = "#foreach($i in [1..2000])x#end" }), twoWay: false);
        var frame = await SendAsync(harness, """{"action":"chat"}""", expectFrame: true);
        Assert.Contains("\"message\": \"Internal server error\"", frame, StringComparison.Ordinal);
        Assert.Equal(0, harness.Endpoint("ChatFunction").InvocationCount);
    }

    [Fact]
    public async Task A_template_that_renders_invalid_JSON_fails_like_Lambda_would()
    {
        await using var harness = Harness(Aws(new Dictionary<string, string> { ["$default"] = """{"body": "$input.body"}""" }), twoWay: false);
        var frame = await SendAsync(harness, """{"action":"chat","q":"a \"quote\""}""", expectFrame: true);
        Assert.Contains("\"message\": \"Internal server error\"", frame, StringComparison.Ordinal);
        Assert.Equal(0, harness.Endpoint("ChatFunction").InvocationCount);
    }

    [Fact]
    public async Task Two_way_sends_the_function_result_through_the_response_template()
    {
        var response = new IntegrationResponseModel
        {
            LogicalId = "ChatResponse",
            IntegrationResponseKey = "$default",
            TemplateSelectionExpression = "\\$default",
            ResponseTemplates = new Dictionary<string, string> { ["$default"] = """{"reply":$input.json('$.ok'),"to":"$context.connectionId"}""" },
        };
        await using var harness = Harness(Aws(new Dictionary<string, string> { ["$default"] = "{}" }, responses: [response]), twoWay: true);
        var frame = await SendAsync(harness, """{"action":"chat"}""", expectFrame: true);
        Assert.Equal("""{"reply":true,"to":"conn00000000001="}""", frame);
    }

    [Fact]
    public async Task A_function_error_matching_an_integration_response_regex_uses_that_response()
    {
        var responses = new[]
        {
            new IntegrationResponseModel { LogicalId = "Bad", IntegrationResponseKey = "/.*Bad.*/", ResponseTemplates = new Dictionary<string, string> { ["$default"] = "bad request: $input.path('$.errorMessage')" } },
            new IntegrationResponseModel { LogicalId = "Ok", IntegrationResponseKey = "$default" },
        };
        await using var harness = Harness(Aws(new Dictionary<string, string> { ["$default"] = "{}" }, responses: responses), twoWay: true,
            function: _ => FunctionReply.Error("Bad input: no text"));
        var frame = await SendAsync(harness, """{"action":"chat"}""", expectFrame: true);
        Assert.Equal("bad request: Bad input: no text", frame);
    }

    [Fact]
    public async Task A_MOCK_integration_answers_from_its_response_template_without_any_function()
    {
        var mock = new IntegrationModel
        {
            LogicalId = "ChatIntegration",
            Type = IntegrationType.Mock,
            RequestTemplates = new Dictionary<string, string> { ["$default"] = """{"statusCode": 200}""" },
            TemplateSelectionExpression = "\\$default",
            Responses = [new IntegrationResponseModel { LogicalId = "MockResponse", IntegrationResponseKey = "/200/", ResponseTemplates = new Dictionary<string, string> { ["$default"] = "hello $context.connectionId" } }],
        };
        await using var harness = Harness(mock, twoWay: true);
        var frame = await SendAsync(harness, """{"action":"chat"}""", expectFrame: true);
        Assert.Equal("hello conn00000000001=", frame);
        Assert.Equal(0, harness.Endpoint("ChatFunction").InvocationCount);
    }
}
