using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using WebSocketAspire.Functions.Events;

namespace WebSocketAspire.Tests.Functions.Events;

public sealed class EventJsonTests
{
    private static readonly FunctionsJsonContext Json = FunctionsJsonContext.Default;

    [Theory]
    [InlineData(CapturedEvents.Connect)]
    [InlineData(CapturedEvents.Message)]
    [InlineData(CapturedEvents.Disconnect)]
    public void Proxy_events_round_trip(string captured) => AssertRoundTrip(captured, Json.WebSocketProxyEvent);

    [Fact]
    public void Authorizer_events_round_trip() => AssertRoundTrip(CapturedEvents.Authorizer, Json.AuthorizerRequest);

    [Fact]
    public void Send_message_events_round_trip() => AssertRoundTrip(CapturedEvents.SendMessage, Json.SendMessageEvent);

    [Fact]
    public void Captured_fields_land_in_the_model()
    {
        var message = JsonSerializer.Deserialize(CapturedEvents.Message, Json.WebSocketProxyEvent)!;
        var disconnect = JsonSerializer.Deserialize(CapturedEvents.Disconnect, Json.WebSocketProxyEvent)!;

        Assert.Equal("BFaT_fALIAMCKug=", message.RequestContext!.ConnectionId);
        Assert.Equal("{\"action\": \"chat\", \"message\": \"hi\"}", message.Body);
        Assert.Equal("hello", message.RequestContext.Authorizer!["token"].GetString());
        Assert.Null(message.Headers);
        Assert.Equal(1001, disconnect.RequestContext!.DisconnectStatusCode);
        Assert.Equal([""], disconnect.MultiValueHeaders!["x-api-key"]);
    }

    [Fact]
    public void Authorizer_response_uses_the_names_aws_expects()
    {
        var response = new AuthorizerResponse
        {
            PrincipalId = "me",
            PolicyDocument = new PolicyDocument { Statement = [new PolicyStatement { Action = "execute-api:Invoke", Effect = "Allow", Resource = "arn" }] },
            Context = new Dictionary<string, string> { ["token"] = "hello" },
        };

        Assert.Equal(
            """{"principalId":"me","policyDocument":{"Version":"2012-10-17","Statement":[{"Action":"execute-api:Invoke","Effect":"Allow","Resource":"arn"}]},"context":{"token":"hello"}}""",
            JsonSerializer.Serialize(response, Json.AuthorizerResponse));
    }

    [Fact]
    public void Proxy_response_omits_absent_fields() =>
        Assert.Equal("""{"statusCode":200}""", JsonSerializer.Serialize(ProxyResponse.Ok, Json.ProxyResponse));

    private static void AssertRoundTrip<T>(string captured, JsonTypeInfo<T> info)
    {
        var model = JsonSerializer.Deserialize(captured, info)!;
        var written = JsonSerializer.Serialize(model, info);

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(captured), JsonNode.Parse(written)), written);
    }
}
