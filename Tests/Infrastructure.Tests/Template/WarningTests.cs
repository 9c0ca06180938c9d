using WebSocketAspire.Infrastructure.Template;
using WebSocketAspire.Infrastructure.Template.Model;

namespace WebSocketAspire.Tests.Infrastructure.Template;

public sealed class WarningTests
{
    private static TemplateLoadResult Load(string text) => TemplateLoader.LoadText(text, "template.yaml", new StackEnvironment());

    [Fact]
    public void Http_api_is_not_emulated_but_does_not_block_the_websocket_api()
    {
        var text = MinimalTemplate.With("""
              HttpApi:
                Type: AWS::ApiGatewayV2::Api
                Properties:
                  Name: http
                  ProtocolType: HTTP
              HttpRoute:
                Type: AWS::ApiGatewayV2::Route
                Properties:
                  ApiId: !Ref HttpApi
                  RouteKey: GET /items
            """);

        var result = Load(text);

        Assert.NotNull(result.Stack);
        var warning = Assert.Single(result.Diagnostics);
        Assert.Equal("HttpApi", warning.LogicalId);
        Assert.Equal("not emulated: this HTTP API is ignored; only WebSocket APIs run locally.", warning.Message);
        Assert.Equal(MinimalTemplate.LineOf(text, "  HttpApi:"), warning.Line);
        Assert.DoesNotContain("GET /items", result.Stack.Api.Routes.Keys);
    }

    [Fact]
    public void Misspelt_api_gateway_property_is_an_error_with_a_suggestion()
    {
        var text = MinimalTemplate.Text.Replace("RouteKey: $connect", "RouteKye: $connect", StringComparison.Ordinal);

        var error = Assert.Single(Load(text).Diagnostics);

        Assert.Equal(DiagnosticSeverity.Error, error.Severity);
        Assert.Equal("AWS::ApiGatewayV2::Route has no property 'RouteKye'; did you mean 'RouteKey'?", error.Message);
        Assert.Equal(MinimalTemplate.LineOf(text, "RouteKye"), error.Line);
        Assert.Equal(7, error.Column);
    }

    [Fact]
    public void Unknown_function_property_and_events_are_warnings()
    {
        var text = MinimalTemplate.Text.Replace("      Handler: fn\n", "      Handler: fn\n      Timout: 5\n      Events:\n        Api:\n          Type: Api\n", StringComparison.Ordinal);

        var result = Load(text);

        Assert.NotNull(result.Stack);
        Assert.All(result.Diagnostics, d => Assert.Equal(DiagnosticSeverity.Warning, d.Severity));
        Assert.Contains(result.Diagnostics, d => d.Message == "AWS::Serverless::Function has no property 'Timout'; did you mean 'Timeout'? It is ignored locally.");
        Assert.Contains(result.Diagnostics, d => d.Message.StartsWith("not emulated: function Events", StringComparison.Ordinal) && d.Line == MinimalTemplate.LineOf(text, "Events:"));
    }

    [Fact]
    public void Duplicate_yaml_key_is_a_syntax_error_at_the_second_key()
    {
        var text = MinimalTemplate.With("""
              Stage:
                Type: AWS::ApiGatewayV2::Stage
            """);

        var error = Assert.Single(Load(text).Diagnostics);

        Assert.Equal("The template is not valid YAML: Duplicate key Stage", error.Message);
        Assert.Equal(text.Split('\n').ToList().FindLastIndex(l => l == "  Stage:") + 1, error.Line);
    }

    [Fact]
    public void Unreadable_file_is_a_diagnostic_not_an_exception()
    {
        var result = TemplateLoader.Load(Path.Combine(Fixtures.Folder, "missing.yaml"), new StackEnvironment());

        var error = Assert.Single(result.Diagnostics);
        Assert.StartsWith("Cannot read the template", error.Message, StringComparison.Ordinal);
    }
}
