using WebSocketAspire.Infrastructure.Template.Model;

namespace WebSocketAspire.Tests.Infrastructure.Template;

/// <summary>The validator knows which Lambda runtimes the local stack runs, and names the runtime and resource for the rest.</summary>
public sealed class RuntimeValidationTests
{
    [Theory]
    [InlineData("nodejs18.x", RuntimeKind.Node)]
    [InlineData("nodejs22.x", RuntimeKind.Node)]
    [InlineData("nodejs24.x", RuntimeKind.Node)]
    [InlineData("python3.10", RuntimeKind.Python)]
    [InlineData("python3.13", RuntimeKind.Python)]
    [InlineData("provided.al2023", RuntimeKind.Bootstrap)]
    [InlineData("dotnet8", RuntimeKind.Bootstrap)]
    public void A_runtime_the_local_stack_runs_is_accepted(string runtime, RuntimeKind kind)
    {
        Assert.Equal(kind, LambdaRuntime.LocalKind(runtime));
        Assert.Empty(Diagnose.Errors(Template(runtime)));
    }

    [Theory]
    [InlineData("java21")]
    [InlineData("ruby3.3")]
    [InlineData("nodejs16.x")]
    [InlineData("python3.8")]
    public void A_lambda_runtime_that_cannot_run_locally_is_named_with_its_resource_and_line(string runtime)
    {
        var text = Template(runtime);

        var error = Diagnose.SingleError(text, "cannot run locally");

        Assert.StartsWith($"Runtime '{runtime}' cannot run locally: the local stack runs nodejs18.x to nodejs24.x, python3.9 to python3.14", error.Message, StringComparison.Ordinal);
        Assert.Equal("Other", error.LogicalId);
        Assert.Equal(MinimalTemplate.LineOf(text, "Runtime:"), error.Line);
    }

    [Fact]
    public void A_runtime_lambda_does_not_know_is_an_error()
    {
        var error = Diagnose.SingleError(Template("nodejs99.x"), "not a Lambda runtime");

        Assert.Equal("Runtime 'nodejs99.x' is not a Lambda runtime identifier (for example nodejs22.x, python3.13, provided.al2023).", error.Message);
        Assert.Equal("Other", error.LogicalId);
    }

    private static string Template(string runtime) => MinimalTemplate.With($$"""
          Other:
            Type: AWS::Serverless::Function
            Properties:
              Handler: app.handler
              CodeUri: ./code
              Runtime: {{runtime}}
        """);
}
