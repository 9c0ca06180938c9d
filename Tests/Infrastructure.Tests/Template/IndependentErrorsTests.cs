using WebSocketAspire.Infrastructure.Template;
using WebSocketAspire.Infrastructure.Template.Model;

namespace WebSocketAspire.Tests.Infrastructure.Template;

/// <summary>One load reports every independent problem, not only those of the first stage that found one.</summary>
public sealed class IndependentErrorsTests
{
    [Fact]
    public void A_broken_reference_does_not_hide_a_TOKEN_authorizer_elsewhere()
    {
        var text = MinimalTemplate.With("""
              Auth:
                Type: AWS::ApiGatewayV2::Authorizer
                Properties:
                  ApiId: !Ref Api
                  Name: auth
                  AuthorizerType: TOKEN
                  AuthorizerUri: !Sub arn:${AWS::Partition}:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${Fn.Arn}/invocations
                  IdentitySource: [route.request.header.token]
              Broken:
                Type: AWS::ApiGatewayV2::Route
                Properties:
                  ApiId: !Ref Apii
                  RouteKey: chat
            """);

        var result = TemplateLoader.LoadText(text, "template.yaml", new StackEnvironment());

        Assert.Null(result.Stack);
        var errors = result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.Contains(errors, d => d.LogicalId == "Broken" && d.Message.Contains("Apii", StringComparison.Ordinal) && d.Line == MinimalTemplate.LineOf(text, "!Ref Apii"));
        Assert.Contains(errors, d => d.LogicalId == "Auth" && d.Message.Contains("TOKEN", StringComparison.Ordinal) && d.Line == MinimalTemplate.LineOf(text, "AuthorizerType: TOKEN"));
    }

    [Fact]
    public void Errors_caused_by_a_broken_reference_are_not_repeated()
    {
        var text = MinimalTemplate.With("""
              Broken:
                Type: AWS::ApiGatewayV2::Route
                Properties:
                  ApiId: !Ref Apii
                  RouteKey: chat
            """);

        var result = TemplateLoader.LoadText(text, "template.yaml", new StackEnvironment());

        Assert.Single(result.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
    }

    [Fact]
    public void A_broken_output_does_not_hide_an_integration_error_as_in_the_published_pattern()
    {
        // The two errors of the published serverless-patterns template: !Ref of the API in the wrong
        // case in Outputs, and 'Ref! …' (a literal string) as an integration's ApiId.
        var text = MinimalTemplate.With("""
              Mapped:
                Type: AWS::ApiGatewayV2::Integration
                Properties:
                  ApiId: Ref! Api
                  IntegrationType: AWS
                  IntegrationUri: !Sub arn:${AWS::Partition}:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${Fn.Arn}/invocations
            Outputs:
              Url:
                Value: !Ref API
            """);

        var result = TemplateLoader.LoadText(text, "template.yaml", new StackEnvironment());

        var errors = result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.Contains(errors, e => e.LogicalId == "Url" && e.Message.Contains("'API' names no resource", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.LogicalId == "Mapped" && e.Message.Contains("ApiId 'Ref! Api'", StringComparison.Ordinal));
        Assert.Equal(2, errors.Count);
    }
}
