using System.Text;

namespace WebSocketAspire.Tests.AppHost.Support;

/// <summary>A WebSocket stack whose <c>$default</c> route invokes one of its functions, for stacks a test writes to a temporary folder.</summary>
internal static class DefaultRouteTemplate
{
    /// <summary>A function of the stack: its logical id, runtime, handler and CodeUri (and Timeout, when not Lambda's default).</summary>
    public sealed record Function(string Id, string Runtime, string Handler, string CodeUri, int? Timeout = null);

    /// <summary>The template: API <paramref name="apiName"/>, its <c>$default</c> route to <paramref name="routed"/>, and every function.</summary>
    public static string Text(string apiName, string routed, IEnumerable<Function> functions)
    {
        var text = new StringBuilder($$"""
            AWSTemplateFormatVersion: "2010-09-09"
            Transform: AWS::Serverless-2016-10-31
            Resources:
              Api:
                Type: AWS::ApiGatewayV2::Api
                Properties:
                  Name: {{apiName}}
                  ProtocolType: WEBSOCKET
                  RouteSelectionExpression: $request.body.action
              Integration:
                Type: AWS::ApiGatewayV2::Integration
                Properties:
                  ApiId: !Ref Api
                  IntegrationType: AWS_PROXY
                  IntegrationUri: !Sub arn:${AWS::Partition}:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${{{routed}}.Arn}/invocations
              DefaultRoute:
                Type: AWS::ApiGatewayV2::Route
                Properties:
                  ApiId: !Ref Api
                  RouteKey: $default
                  Target: !Sub integrations/${Integration}
              Stage:
                Type: AWS::ApiGatewayV2::Stage
                Properties:
                  ApiId: !Ref Api
                  StageName: dev

            """);
        foreach (var function in functions)
        {
            text.Append($"""
                  {function.Id}:
                    Type: AWS::Serverless::Function
                    Properties:
                      Runtime: {function.Runtime}
                      Handler: {function.Handler}
                      CodeUri: {function.CodeUri}

                """);
            if (function.Timeout is { } timeout)
            {
                text.Append($"      Timeout: {timeout}\n");
            }
        }
        return text.ToString();
    }
}
