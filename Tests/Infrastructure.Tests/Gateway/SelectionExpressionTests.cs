using System.Text.Json;
using WebSocketAspire.Infrastructure.Gateway;

namespace WebSocketAspire.Tests.Infrastructure.Gateway;

public sealed class SelectionExpressionTests
{
    private const string Body = """
        {"action":"join","service":"chat","meta":{"type":"ping","list":["x","y"]},
         "tags":["a","b"],"count":1,"ratio":1.5,"ok":true,"no":false,"nothing":null,
         "odd key":"spaced","items":[{"name":"first"},{"name":"second"}]}
        """;

    public static TheoryData<string, string> Cases => new()
    {
        { "$request.body.action", "join" },
        { "$request.body.meta.type", "ping" },
        { "${request.body.action}", "join" },
        { "${request.body.service}/${request.body.action}", "chat/join" },
        { "${request.body.action}-${request.body.missing}", "join-" },
        { "$request.body.missing", "" },
        { "$request.body.meta.missing.deeper", "" },
        { "\\$default", "$default" },
        { "plain", "plain" },
        { "$request.body.tags", "[a, b]" },
        { "$request.body.meta.list", "[x, y]" },
        { "$request.body.count", "1" },
        { "$request.body.ratio", "1.5" },
        { "$request.body.ok", "true" },
        { "$request.body.no", "false" },
        { "$request.body.nothing", "" },
        { "$request.body['action']", "join" },
        { "${request.body['odd key']}", "spaced" },
        { "$request.body.tags[0]", "a" },
        { "$request.body.tags[1]", "b" },
        { "$request.body.tags[2]", "" },
        { "$request.body.items[1].name", "second" },
        { "$request.body.meta['type']", "ping" },
        { "prefix-$request.body.action", "prefix-join" },
        { "$request.header.Auth", "" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Evaluate_resolves_the_body_and_stringifies_like_API_Gateway(string expression, string expected)
    {
        using var document = JsonDocument.Parse(Body);
        var root = document.RootElement;

        var value = SelectionExpression.Parse(expression).Evaluate(v => SelectionExpression.ResolveRequestBody(v, root));

        Assert.Equal(expected, value);
    }

    [Theory]
    [InlineData("${request.body.action")]
    [InlineData("literal-${")]
    [InlineData("${request.body.a}/${request.body.b")]
    public void Parse_rejects_an_unclosed_brace(string expression)
    {
        Assert.Throws<FormatException>(() => SelectionExpression.Parse(expression));
    }

    [Theory]
    [InlineData("\\$default", true)]
    [InlineData("literal", true)]
    [InlineData("$request.body.action", false)]
    [InlineData("${request.body.action}", false)]
    public void IsLiteral_is_true_only_without_variables(string expression, bool literal)
    {
        Assert.Equal(literal, SelectionExpression.Parse(expression).IsLiteral);
    }

    [Fact]
    public void Variables_lists_every_variable_in_order()
    {
        var expression = SelectionExpression.Parse("${request.body.service}/$request.body.action");

        Assert.Equal(["request.body.service", "request.body.action"], expression.Variables);
    }

    [Fact]
    public void Evaluation_is_not_recursive()
    {
        using var document = JsonDocument.Parse("""{"action":"${request.body.other}","other":"x"}""");
        var root = document.RootElement;

        var value = SelectionExpression.Parse("$request.body.action").Evaluate(v => SelectionExpression.ResolveRequestBody(v, root));

        Assert.Equal("${request.body.other}", value);
    }

    [Fact]
    public void ResolveRequestBody_is_null_without_a_body_or_for_other_variables()
    {
        using var document = JsonDocument.Parse("""{"action":"join"}""");

        Assert.Null(SelectionExpression.ResolveRequestBody("request.body.action", null));
        Assert.Null(SelectionExpression.ResolveRequestBody("context.connectionId", document.RootElement));
    }
}
