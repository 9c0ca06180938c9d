namespace WebSocketAspire.Tests.Infrastructure.Velocity;

public sealed class LiteralTests
{
    [Theory]
    [InlineData("\"plain\"", "plain")]
    [InlineData("'single $context.stage'", "single $context.stage")]
    [InlineData("\"double $context.stage\"", "double local")]
    [InlineData("\"\\\\'\"", "\\\\'")]
    [InlineData("'a\\nb'", "a\\nb")]
    [InlineData("\"say \"\"hi\"\"\"", "say \"hi\"")]
    [InlineData("'it''s'", "it's")]
    [InlineData("\"\"", "")]
    [InlineData("\"#if(true)yes#end\"", "yes")]
    [InlineData("42", "42")]
    [InlineData("-3", "-3")]
    [InlineData("1.25", "1.25")]
    [InlineData("true", "true")]
    [InlineData("false", "false")]
    [InlineData("[1, \"a\", true]", "[1, a, true]")]
    [InlineData("[]", "[]")]
    [InlineData("{\"a\": 1, \"b\": [2]}", "{a=1, b=[2]}")]
    [InlineData("{}", "{}")]
    [InlineData("[1..4]", "[1, 2, 3, 4]")]
    [InlineData("[$context.small..9]", "[7, 8, 9]")]
    [InlineData("[ [1], {'k': 'v'} ]", "[[1], {k=v}]")]
    public void Literals_evaluate_like_velocity(string literal, string expected) =>
        Assert.Equal(expected, TemplateRunner.Render($"#set($v = {literal})$v"));

    [Fact]
    public void Null_literal_leaves_a_variable_unset() =>
        Assert.Equal("$v", TemplateRunner.Render("#set($v = null)$v"));
}
