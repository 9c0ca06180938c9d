namespace WebSocketAspire.Tests.Infrastructure.Velocity;

public sealed class ReferenceTests
{
    [Theory]
    [InlineData("$context.connectionId", "conn-1")]
    [InlineData("${context.connectionId}", "conn-1")]
    [InlineData("$!context.connectionId", "conn-1")]
    [InlineData("$!{context.connectionId}", "conn-1")]
    [InlineData("\"$context.authorizer.principalId\"", "\"user-1\"")]
    [InlineData("$context.authorizer.count", "3")]
    [InlineData("$context.small", "7")]
    [InlineData("$context.ratio", "2.5")]
    [InlineData("$context.isBase64Encoded", "false")]
    [InlineData("$context.connectionId.", "conn-1.")]
    [InlineData("$context.connectionId.length()", "6")]
    [InlineData("${context.connectionId}x", "conn-1x")]
    [InlineData("$context.authorizer.get('principalId')", "user-1")]
    [InlineData("$context['routeKey']", "sendmessage")]
    [InlineData("$context.authorizer['token']", "tok")]
    [InlineData("$stageVariables.env", "dev")]
    [InlineData("$stageVariables['table']", "Chat")]
    [InlineData("${stageVariables['table']}", "Chat")]
    public void Defined_references_render_their_value(string template, string expected) =>
        Assert.Equal(expected, TemplateRunner.Render(template));

    [Theory]
    [InlineData("$missing", "$missing")]
    [InlineData("${missing}", "${missing}")]
    [InlineData("$!missing", "")]
    [InlineData("$!{missing}", "")]
    [InlineData("$context.nothing", "$context.nothing")]
    [InlineData("$context.connectionId.nothing", "$context.connectionId.nothing")]
    [InlineData("$!context.nothing.deeper", "")]
    [InlineData("\"$missing.a.b('x')\"", "\"$missing.a.b('x')\"")]
    [InlineData("$stageVariables.none", "$stageVariables.none")]
    public void Undefined_references_render_as_written_or_nothing_when_quiet(string template, string expected) =>
        Assert.Equal(expected, TemplateRunner.Render(template));

    [Theory]
    [InlineData("$", "$")]
    [InlineData("$5.00", "$5.00")]
    [InlineData("a $ b", "a $ b")]
    [InlineData("$!", "$!")]
    [InlineData("$!!", "$!!")]
    [InlineData("${", "${")]
    [InlineData("${a", "${a")]
    [InlineData("$$", "$$")]
    [InlineData("$-a", "$-a")]
    [InlineData("$stageVariables.env[x", "dev[x")]
    public void A_dollar_not_followed_by_an_identifier_is_text(string template, string expected) =>
        Assert.Equal(expected, TemplateRunner.Render(template));

    [Theory]
    [InlineData("\\$context.connectionId", "$context.connectionId")]
    [InlineData("\\\\$context.connectionId", "\\conn-1")]
    [InlineData("\\\\\\$context.connectionId", "\\$context.connectionId")]
    [InlineData("\\$missing", "\\$missing")]
    [InlineData("\\\\$missing", "\\\\$missing")]
    [InlineData("\\$!{missing}", "\\$!{missing}")]
    [InlineData("\\$5", "\\$5")]
    [InlineData("\\\\#x", "\\\\#x")]
    [InlineData("\\#if(true)x#end", "#if(true)x")]
    [InlineData("a\\b", "a\\b")]
    public void Backslash_escapes_dollar_and_hash(string template, string expected) =>
        Assert.Equal(expected, TemplateRunner.Render(template.Replace("#end", string.Empty, StringComparison.Ordinal)));
}
