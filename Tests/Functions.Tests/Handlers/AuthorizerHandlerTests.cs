using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using WebSocketAspire.Functions.Events;
using WebSocketAspire.Functions.Handlers;
using WebSocketAspire.Tests.Functions.Events;

namespace WebSocketAspire.Tests.Functions.Handlers;

public sealed class AuthorizerHandlerTests
{
    private const string MethodArn = "arn:aws:execute-api:us-east-1:123456789012:abcdef123/default/$connect";

    [Theory]
    [InlineData("token")]
    [InlineData("Token")]
    [InlineData("TOKEN")]
    public async Task The_hello_token_is_allowed_whatever_the_header_case(string headerName)
    {
        var response = await Handler().HandleAsync(Request(new Dictionary<string, string> { [headerName] = "hello" }), CancellationToken.None);

        Assert.Equal("me", response.PrincipalId);
        var statement = Assert.Single(response.PolicyDocument.Statement);
        Assert.Equal(("execute-api:Invoke", "Allow", MethodArn), (statement.Action, statement.Effect, statement.Resource));
        Assert.Equal("hello", response.Context!["token"]);
    }

    [Fact]
    public async Task The_exact_response_json_is_what_the_gateway_expects()
    {
        var adapter = HandlerCatalogFor(Handler());
        var payload = Encoding.UTF8.GetBytes(CapturedEvents.Authorizer.Replace("\"HeaderAuth1\":\"headerValue1\"", "\"token\":\"hello\"", StringComparison.Ordinal));

        var response = Encoding.UTF8.GetString(await adapter.InvokeAsync(payload, CancellationToken.None));

        Assert.Equal(
            """{"principalId":"me","policyDocument":{"Version":"2012-10-17","Statement":[{"Action":"execute-api:Invoke","Effect":"Allow","Resource":"arn:aws:execute-api:us-east-1:123456789012:abcdef123/default/$connect"}]},"context":{"token":"hello"}}""",
            response);
    }

    [Fact]
    public async Task A_token_only_in_multi_value_headers_is_found()
    {
        var request = Request(null) with { MultiValueHeaders = new Dictionary<string, IReadOnlyList<string>> { ["Token"] = ["hello"] } };

        Assert.Equal("me", (await Handler().HandleAsync(request, CancellationToken.None)).PrincipalId);
    }

    [Fact]
    public async Task A_missing_token_is_unauthorized()
    {
        var error = await Assert.ThrowsAsync<UnauthorizedException>(() => Handler().HandleAsync(Request(null), CancellationToken.None));
        Assert.Equal("Unauthorized", error.Message);
    }

    [Theory]
    [InlineData("Hello")]
    [InlineData("hello ")]
    [InlineData("")]
    [InlineData("nope")]
    public async Task A_wrong_token_is_unauthorized(string value)
    {
        var error = await Assert.ThrowsAsync<UnauthorizedException>(
            () => Handler().HandleAsync(Request(new Dictionary<string, string> { ["token"] = value }), CancellationToken.None));
        Assert.Equal("Unauthorized", error.Message);
    }

    private static AuthorizerHandler Handler() => new(NullLogger<AuthorizerHandler>.Instance);

    private static AuthorizerRequest Request(Dictionary<string, string>? headers) =>
        JsonSerializer.Deserialize(CapturedEvents.Authorizer, FunctionsJsonContext.Default.AuthorizerRequest)! with { Headers = headers };

    private static EventHandlerAdapter<AuthorizerRequest, AuthorizerResponse> HandlerCatalogFor(AuthorizerHandler handler) =>
        new("authorizer", handler, FunctionsJsonContext.Default.AuthorizerRequest, FunctionsJsonContext.Default.AuthorizerResponse,
            e => (e.RequestContext?.ConnectionId, e.RequestContext?.RouteKey));
}
