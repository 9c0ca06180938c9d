using System.Text;
using WebSocketAspire.Infrastructure.Gateway;

namespace WebSocketAspire.Tests.Infrastructure.Gateway;

public sealed class ProxyResultTests
{
    private static IntegrationOutcome Read(string payload) => ProxyResult.Read(Encoding.UTF8.GetBytes(payload));

    public static TheoryData<string, int, string?> Successes => new()
    {
        { """{"statusCode":200,"body":"hello"}""", 200, "hello" },
        { """{"statusCode":"201","body":"created"}""", 201, "created" },
        { """{"statusCode":403}""", 403, null },
        { """{"body":"no status"}""", 200, "no status" },
        { """{"statusCode":200,"body":{"a":1}}""", 200, """{"a":1}""" },
        { """{"statusCode":200,"body":[1,2]}""", 200, "[1,2]" },
        { """{"statusCode":200,"body":null}""", 200, null },
        { "\"just a string\"", 200, "just a string" },
        { "42", 200, "42" },
        { "not json at all", 200, "not json at all" },
        { "", 200, "" },
    };

    [Theory]
    [MemberData(nameof(Successes))]
    public void Read_takes_statusCode_and_body(string payload, int status, string? body)
    {
        var outcome = Read(payload);

        Assert.False(outcome.Failed);
        Assert.Equal(status, outcome.StatusCode);
        Assert.Equal(body, outcome.ResponseBody);
    }

    [Theory]
    [InlineData("""{"statusCode":"abc"}""")]
    [InlineData("""{"statusCode":200.5}""")]
    [InlineData("""{"statusCode":true}""")]
    [InlineData("""{"statusCode":{"code":200}}""")]
    [InlineData("""{"statusCode":"-1"}""")]
    public void Read_fails_on_a_malformed_statusCode(string payload)
    {
        var outcome = Read(payload);

        Assert.True(outcome.Failed);
        Assert.Equal(502, outcome.StatusCode);
    }

    [Fact]
    public void Read_collects_headers_case_insensitively_and_stringified()
    {
        var outcome = Read("""{"statusCode":200,"headers":{"Sec-WebSocket-Protocol":"chat","X-Count":3,"X-Flag":true}}""");

        Assert.Equal("chat", outcome.Headers["sec-websocket-protocol"]);
        Assert.Equal("3", outcome.Headers["X-Count"]);
        Assert.Equal("true", outcome.Headers["X-Flag"]);
    }
}
