using WebSocketAspire.Infrastructure.Template;
using WebSocketAspire.Infrastructure.Template.Model;

namespace WebSocketAspire.Tests.Infrastructure.Template;

/// <summary>Errors in references, intrinsic functions, parameters and YAML, each with its message and line.</summary>
public sealed class ReferenceErrorTests
{
    [Fact]
    public void Minimal_template_is_valid()
    {
        var result = TemplateLoader.LoadText(MinimalTemplate.Text, Diagnose.File, new StackEnvironment());

        Assert.Empty(result.Diagnostics);
        Assert.NotNull(result.Stack);
    }

    [Fact]
    public void Ref_to_nothing_suggests_the_closest_name()
    {
        var text = MinimalTemplate.With("""
              SendRoute:
                Type: AWS::ApiGatewayV2::Route
                Properties:
                  ApiId: !Ref WebSockApi
                  RouteKey: send
            """).Replace("  Api:\n", "  WebSocketApi:\n", StringComparison.Ordinal).Replace("!Ref Api\n", "!Ref WebSocketApi\n", StringComparison.Ordinal);

        var error = Diagnose.SingleError(text, "WebSockApi");

        Assert.Equal("Ref 'WebSockApi' names no resource, parameter or pseudo parameter; did you mean 'WebSocketApi'?", error.Message);
        Assert.Equal("SendRoute", error.LogicalId);
        Assert.Equal(MinimalTemplate.LineOf(text, "!Ref WebSockApi"), error.Line);
        Assert.Equal(14, error.Column);
        Assert.Equal($"{Diagnose.File}:{error.Line}:14: error: [SendRoute] {error.Message}", error.ToString());
    }

    [Fact]
    public void Sub_variable_to_nothing_is_reported()
    {
        var text = MinimalTemplate.With("""
              Out:
                Type: AWS::ApiGatewayV2::Route
                Properties:
                  ApiId: !Ref Api
                  RouteKey: out
                  Target: !Sub integrations/${Integrashun}
            """);

        var error = Diagnose.SingleError(text, "Integrashun");

        Assert.Equal("Fn::Sub variable '${Integrashun}' names no resource, parameter or pseudo parameter; did you mean 'Integration'?", error.Message);
        Assert.Equal(MinimalTemplate.LineOf(text, "${Integrashun}"), error.Line);
    }

    [Fact]
    public void GetAtt_of_an_unknown_attribute_is_reported()
    {
        var text = MinimalTemplate.With("""
              Out:
                Type: AWS::ApiGatewayV2::Route
                Properties:
                  ApiId: !Ref Api
                  RouteKey: !GetAtt Api.ApiEndpont
            """);

        var error = Diagnose.SingleError(text, "ApiEndpont");

        Assert.Equal("Fn::GetAtt: AWS::ApiGatewayV2::Api 'Api' has no attribute 'ApiEndpont'; did you mean 'ApiEndpoint'?", error.Message);
        Assert.Equal(MinimalTemplate.LineOf(text, "ApiEndpont"), error.Line);
    }

    [Fact]
    public void Unknown_intrinsic_function_is_reported_with_a_suggestion()
    {
        var text = MinimalTemplate.With("""
              Out:
                Type: AWS::ApiGatewayV2::Route
                Properties:
                  ApiId: !Ref Api
                  RouteKey:
                    Fn::Subb: out
            """);

        var error = Diagnose.SingleError(text, "Fn::Subb");

        Assert.Equal("Unknown intrinsic function 'Fn::Subb'; did you mean 'Fn::Sub'?", error.Message);
        Assert.Equal("Out", error.LogicalId);
        Assert.Equal(MinimalTemplate.LineOf(text, "Fn::Subb"), error.Line);
    }

    [Fact]
    public void Unknown_short_form_tag_is_reported()
    {
        var text = MinimalTemplate.With("""
              Out:
                Type: AWS::ApiGatewayV2::Route
                Properties:
                  ApiId: !Ref Api
                  RouteKey: !Subb out
            """);

        var error = Diagnose.SingleError(text, "!Subb");

        Assert.Equal("Unknown tag '!Subb'; did you mean '!Sub'?", error.Message);
        Assert.Equal(MinimalTemplate.LineOf(text, "!Subb"), error.Line);
    }

    [Fact]
    public void Dependency_cycle_names_the_loop()
    {
        var text = MinimalTemplate.With("""
              First:
                Type: AWS::ApiGatewayV2::Route
                DependsOn: Second
                Properties:
                  ApiId: !Ref Api
                  RouteKey: first
              Second:
                Type: AWS::ApiGatewayV2::Route
                Properties:
                  ApiId: !Ref Api
                  RouteKey: !Sub "second-${First}"
            """);

        var error = Diagnose.SingleError(text, "Circular dependency");

        Assert.Equal("Circular dependency: First -> Second -> First.", error.Message);
        Assert.Equal("Second", error.LogicalId);
        Assert.Equal(MinimalTemplate.LineOf(text, "second-${First}"), error.Line);
    }

    [Fact]
    public void Parameter_without_a_value_is_named()
    {
        var text = MinimalTemplate.Text.Replace("Resources:\n", "Parameters:\n  Suffix:\n    Type: String\nResources:\n", StringComparison.Ordinal)
            .Replace("StageName: dev", "StageName: !Ref Suffix", StringComparison.Ordinal);

        var error = Diagnose.SingleError(text, "Suffix");

        Assert.Equal("Parameter 'Suffix' has no value: give it a Default or pass an override for 'Suffix'.", error.Message);
        Assert.Equal(MinimalTemplate.LineOf(text, "  Suffix:"), error.Line);
    }

    [Fact]
    public void Parameter_value_outside_the_allowed_pattern_is_rejected()
    {
        var text = MinimalTemplate.Text.Replace("Resources:\n", "Parameters:\n  Suffix:\n    Type: String\n    AllowedPattern: '[a-z]+'\nResources:\n", StringComparison.Ordinal);
        var environment = new StackEnvironment { ParameterOverrides = new Dictionary<string, string> { ["Suffix"] = "Dev1" } };

        var result = TemplateLoader.LoadText(text, Diagnose.File, environment);

        var error = Assert.Single(result.Diagnostics);
        Assert.Equal("Parameter 'Suffix' value 'Dev1' does not match AllowedPattern '[a-z]+'.", error.Message);
    }

    [Fact]
    public void ImportValue_is_not_available_locally()
    {
        var text = MinimalTemplate.Text.Replace("StageName: dev", "StageName: !ImportValue shared-stage", StringComparison.Ordinal);

        var error = Diagnose.SingleError(text, "ImportValue");

        Assert.Equal("Fn::ImportValue is not available locally: there are no other stacks to import 'shared-stage' from; pass the value as a parameter instead.", error.Message);
        Assert.Equal("Stage", error.LogicalId);
        Assert.Equal(MinimalTemplate.LineOf(text, "!ImportValue"), error.Line);
    }

    [Fact]
    public void GetAZs_is_not_available_locally()
    {
        var text = MinimalTemplate.Text.Replace("StageName: dev", "StageName: !Select [0, !GetAZs '']", StringComparison.Ordinal);

        var error = Diagnose.SingleError(text, "GetAZs");

        Assert.StartsWith("Fn::GetAZs is not available locally", error.Message, StringComparison.Ordinal);
        Assert.Equal(MinimalTemplate.LineOf(text, "!GetAZs"), error.Line);
    }

    [Fact]
    public void Yaml_syntax_error_has_a_position()
    {
        var error = Diagnose.SingleError("Resources:\n  Api: [unclosed\n", "not valid YAML");

        Assert.True(error.Line >= 2);
    }

    [Fact]
    public void Unemulated_resources_are_listed_as_warnings()
    {
        var text = MinimalTemplate.With("""
              Role:
                Type: AWS::IAM::Role
                Properties:
                  AssumeRolePolicyDocument: {}
              Logs:
                Type: AWS::Logs::LogGroup
            """);

        var result = TemplateLoader.LoadText(text, Diagnose.File, new StackEnvironment());

        Assert.False(result.HasErrors);
        Assert.Equal(2, result.Diagnostics.Count);
        Assert.Contains(result.Diagnostics, d => d.LogicalId == "Role" && d.Message.Contains("IAM is not enforced locally", StringComparison.Ordinal));
        Assert.Contains(result.Diagnostics, d => d.LogicalId == "Logs" && d.Message.StartsWith("not emulated: AWS::Logs::LogGroup", StringComparison.Ordinal) && d.Line == MinimalTemplate.LineOf(text, "  Logs:"));
    }

    [Fact]
    public void Unclosed_flow_mapping_is_a_syntax_error_not_an_exception()
    {
        // This exact shape makes YamlDotNet's scanner throw InvalidOperationException rather than YamlException.
        var text = File.ReadAllText(Fixtures.PathOf("querystring-auth.yaml"))
            .Replace("- { AttributeName: created, AttributeType: N }", "- { AttributeName: []", StringComparison.Ordinal);

        var error = Diagnose.SingleError(text, "not valid YAML");

        Assert.Equal("The template is not valid YAML: a flow collection ({…} or […]) near here is not closed.", error.Message);
        Assert.InRange(error.Line, MinimalTemplate.LineOf(text, "AttributeName: []") - 1, MinimalTemplate.LineOf(text, "AttributeName: []") + 3);
    }

    [Fact]
    public void Parameter_default_cannot_be_an_intrinsic_function()
    {
        var text = MinimalTemplate.Text.Replace("Resources:\n", "Parameters:\n  Suffix:\n    Type: String\n    Default: !Ref AWS::Region\nResources:\n", StringComparison.Ordinal);

        var error = Diagnose.SingleError(text, "Default");

        Assert.Equal("Parameter 'Suffix' Default must be a literal value; intrinsic functions are not allowed in Parameters.", error.Message);
        Assert.Equal(MinimalTemplate.LineOf(text, "Default: !Ref"), error.Line);
    }

    [Fact]
    public void Yaml_null_reads_as_an_empty_value()
    {
        var text = MinimalTemplate.Text.Replace("Handler: fn", "Handler: ~", StringComparison.Ordinal);

        var error = Diagnose.SingleError(text, "Handler");

        Assert.Equal("Handler must not be empty.", error.Message);
        Assert.Equal("Fn", error.LogicalId);
        Assert.Equal(MinimalTemplate.LineOf(text, "Handler: ~"), error.Line);
    }
}
