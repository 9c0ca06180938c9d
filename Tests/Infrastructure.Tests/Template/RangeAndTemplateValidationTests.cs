namespace WebSocketAspire.Tests.Infrastructure.Template;

/// <summary>Values CloudFormation or API Gateway would refuse are errors before anything runs, with line and resource.</summary>
public sealed class RangeAndTemplateValidationTests
{
    [Theory]
    [InlineData("Timeout: -5", "Timeout -5 must be between 1 and 900.")]
    [InlineData("Timeout: 901", "Timeout 901 must be between 1 and 900.")]
    [InlineData("MemorySize: 64", "MemorySize 64 must be between 128 and 10240.")]
    [InlineData("MemorySize: 20000", "MemorySize 20000 must be between 128 and 10240.")]
    [InlineData("ReservedConcurrentExecutions: -1", "ReservedConcurrentExecutions -1 must be between 0 and 1000.")]
    public void A_function_setting_out_of_range_is_an_error(string setting, string message)
    {
        var text = MinimalTemplate.With($$"""
              Other:
                Type: AWS::Serverless::Function
                Properties:
                  Handler: other
                  CodeUri: ./code
                  {{setting}}
            """);

        var error = Diagnose.SingleError(text, "must be between");

        Assert.Equal(message, error.Message);
        Assert.Equal("Other", error.LogicalId);
        Assert.Equal(MinimalTemplate.LineOf(text, setting), error.Line);
    }

    [Theory]
    [InlineData("RequestTemplates", "#if($x")]
    [InlineData("RequestTemplates", "{ } #end")]
    public void A_mapping_template_that_does_not_parse_is_an_error_at_its_key(string property, string template)
    {
        var text = MinimalTemplate.With($$"""
              Mapped:
                Type: AWS::ApiGatewayV2::Integration
                Properties:
                  ApiId: !Ref Api
                  IntegrationType: AWS
                  IntegrationUri: !Sub arn:${AWS::Partition}:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${Fn.Arn}/invocations
                  {{property}}:
                    broken: '{{template}}'
            """);

        var error = Diagnose.SingleError(text, "does not parse");

        Assert.StartsWith($"{property} 'broken' does not parse: ", error.Message, StringComparison.Ordinal);
        Assert.Equal("Mapped", error.LogicalId);
        Assert.Equal(MinimalTemplate.LineOf(text, "broken:"), error.Line);
    }

    [Fact]
    public void A_response_template_that_does_not_parse_is_an_error()
    {
        var text = MinimalTemplate.With("""
              Response:
                Type: AWS::ApiGatewayV2::IntegrationResponse
                Properties:
                  ApiId: !Ref Api
                  IntegrationId: !Ref Integration
                  IntegrationResponseKey: $default
                  ResponseTemplates:
                    $default: '#foreach($x in'
            """);

        var error = Diagnose.SingleError(text, "does not parse");

        Assert.Equal("Response", error.LogicalId);
        Assert.Equal(MinimalTemplate.LineOf(text, "$default: '#foreach"), error.Line);
    }
}
