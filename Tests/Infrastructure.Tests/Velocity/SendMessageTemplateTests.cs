using System.Text.Json;
using WebSocketAspire.Infrastructure.Velocity;

namespace WebSocketAspire.Tests.Infrastructure.Velocity;

public sealed class SendMessageTemplateTests
{
    public const string Template = """
        {
          "requestContext": {
            "routeKey": "$context.routeKey",
            "messageId": "$context.messageId",
            "auth": "$context.authorizer.principalId",
            "token": "$context.authorizer.token",
            "eventType": "$context.eventType",
            "extendedRequestId": "$context.extendedRequestId",
            "requestTime": "$context.requestTime",
            "messageDirection": "$context.messageDirection",
            "stage": "$context.stage",
            "connectedAt": $context.connectedAt,
            "requestTimeEpoch": $context.requestTimeEpoch,
            "sourceIp": "$context.identity.sourceIp",
            "requestId": "$context.requestId",
            "domainName": "$context.domainName",
            "connectionId": "$context.connectionId",
            "apiId": "$context.apiId"
          },
          "body": "$util.escapeJavaScript($input.body).replaceAll("\\'","'")",
          "isBase64Encoded": $context.isBase64Encoded
        }
        """;

    public static TheoryData<string> TrickyBodies => new()
    {
        string.Empty,
        "hello",
        """{"action":"sendmessage","data":"hi"}""",
        "it's",
        "\\'",
        "\\\\''\\",
        "say \"hi\"",
        "line1\nline2\r\n\ttab",
        "a/b</script>",
        "caf\u00e9 \u65e5\u672c \ud83d\ude00",
        "\u0000\u0001\u001f\u007f\u2028\u2029",
        "$context.connectionId #if(true) ## not a comment",
        "\b\f",
        "'''\"\"\"\\\\\\",
    };

    [Theory]
    [MemberData(nameof(TrickyBodies))]
    public void Renders_valid_json_whose_body_round_trips(string body)
    {
        var output = TemplateRunner.Render(Template, body);

        using var document = JsonDocument.Parse(output);
        var root = document.RootElement;
        Assert.Equal(body, root.GetProperty("body").GetString());
        Assert.False(root.GetProperty("isBase64Encoded").GetBoolean());
        var context = root.GetProperty("requestContext");
        Assert.Equal("user-1", context.GetProperty("auth").GetString());
        Assert.Equal("127.0.0.1", context.GetProperty("sourceIp").GetString());
        Assert.Equal(1764000000000L, context.GetProperty("connectedAt").GetInt64());
        Assert.Equal("conn-1", context.GetProperty("connectionId").GetString());
    }

    [Fact]
    public void Renders_the_exact_expected_text()
    {
        var output = TemplateRunner.Render(Template, "it's \"x\"");

        Assert.Contains("\"body\": \"it's \\\"x\\\"\",\n", output, StringComparison.Ordinal);
        Assert.Contains("\"connectedAt\": 1764000000000,\n", output, StringComparison.Ordinal);
        Assert.EndsWith("\"isBase64Encoded\": false\n}", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Undefined_context_values_render_as_their_literal_text()
    {
        var template = MappingTemplate.Parse(Template, "sendmessage");
        var input = new MappingInput { Body = "x", Context = new Dictionary<string, object?>() };

        var output = template.Render(input);

        Assert.Contains("\"auth\": \"$context.authorizer.principalId\"", output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_parsed_template_renders_repeatedly_and_concurrently()
    {
        var template = MappingTemplate.Parse(Template, "sendmessage");
        var results = new string[64];

        Parallel.For(0, results.Length, i => results[i] = template.Render(TemplateRunner.Input($"msg {i}")));

        for (var i = 0; i < results.Length; i++)
        {
            using var document = JsonDocument.Parse(results[i]);
            Assert.Equal($"msg {i}", document.RootElement.GetProperty("body").GetString());
        }
    }
}
