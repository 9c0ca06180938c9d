using WebSocketAspire.Infrastructure.Template.Resolution;

namespace WebSocketAspire.Tests.Infrastructure.Template.Resolution;

public sealed class SubTemplateTests
{
    [Fact]
    public void Splits_literals_and_variables()
    {
        var parts = SubTemplate.Parse("arn:${AWS::Partition}:x/${Fn.Arn}/end");

        Assert.Equal(
            [
                new SubPart("arn:", false), new SubPart("AWS::Partition", true), new SubPart(":x/", false),
                new SubPart("Fn.Arn", true), new SubPart("/end", false),
            ],
            parts);
    }

    [Fact]
    public void Bang_escape_stays_literal()
    {
        Assert.Equal([new SubPart("${Literal} and ${Other}", false)], SubTemplate.Parse("${!Literal} and ${!Other}"));
    }

    [Fact]
    public void Unterminated_reference_is_literal()
    {
        Assert.Equal([new SubPart("cost: ${5", false)], SubTemplate.Parse("cost: ${5"));
    }

    [Theory]
    [InlineData("Api.ApiEndpoint", "Api", "ApiEndpoint")]
    [InlineData("Stack.Outputs.Url", "Stack", "Outputs.Url")]
    [InlineData("AWS::Region", "AWS::Region", null)]
    public void Splits_a_variable_at_the_first_dot(string variable, string target, string? attribute)
    {
        Assert.Equal((target, attribute), SubTemplate.SplitVariable(variable));
    }
}
