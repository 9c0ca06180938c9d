using WebSocketAspire.Infrastructure.Template.Building;
using WebSocketAspire.Infrastructure.Template.Model;

namespace WebSocketAspire.Tests.Infrastructure.Template.Building;

public sealed class LambdaInvocationArnTests
{
    private static readonly FunctionModel Function = new()
    {
        LogicalId = "Fn",
        FunctionName = "stack-Fn",
        Arn = "arn:aws:lambda:eu-west-1:111122223333:function:stack-Fn",
        Handler = "fn",
    };

    [Fact]
    public void Finds_the_function_inside_an_invocation_arn()
    {
        var arn = LambdaInvocationArn.FunctionArnOf($"arn:aws:apigateway:eu-west-1:lambda:path/2015-03-31/functions/{Function.Arn}/invocations");

        Assert.Equal(Function.Arn, arn);
        Assert.Same(Function, LambdaInvocationArn.Find(arn!, [Function]));
    }

    [Fact]
    public void An_alias_qualifier_names_the_same_function()
    {
        Assert.Same(Function, LambdaInvocationArn.Find($"{Function.Arn}:live", [Function]));
    }

    [Theory]
    [InlineData("arn:aws:lambda:eu-west-1:111122223333:function:stack-Fn")]
    [InlineData("arn:aws:apigateway:eu-west-1:dynamodb:action/PutItem")]
    [InlineData("https://example.com/invocations")]
    public void Other_uris_are_not_invocation_arns(string uri)
    {
        Assert.Null(LambdaInvocationArn.FunctionArnOf(uri));
    }
}
