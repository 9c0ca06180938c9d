namespace WebSocketAspire.Tests.Infrastructure.Template;

/// <summary>A small valid WebSocket stack that tests extend with the resources under test.</summary>
internal static class MinimalTemplate
{
    public const string Text = """
        AWSTemplateFormatVersion: "2010-09-09"
        Transform: AWS::Serverless-2016-10-31
        Resources:
          Api:
            Type: AWS::ApiGatewayV2::Api
            Properties:
              Name: api
              ProtocolType: WEBSOCKET
              RouteSelectionExpression: $request.body.action
          Fn:
            Type: AWS::Serverless::Function
            Properties:
              Handler: fn
              CodeUri: ./code
          Integration:
            Type: AWS::ApiGatewayV2::Integration
            Properties:
              ApiId: !Ref Api
              IntegrationType: AWS_PROXY
              IntegrationUri: !Sub arn:${AWS::Partition}:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${Fn.Arn}/invocations
          ConnectRoute:
            Type: AWS::ApiGatewayV2::Route
            Properties:
              ApiId: !Ref Api
              RouteKey: $connect
              Target: !Sub integrations/${Integration}
          Stage:
            Type: AWS::ApiGatewayV2::Stage
            Properties:
              ApiId: !Ref Api
              StageName: dev

        """;

    /// <summary>The minimal stack plus more resources (indented as entries of Resources).</summary>
    public static string With(string resources) => Text + resources;

    /// <summary>The 1-based line of the first line containing <paramref name="marker"/>.</summary>
    public static int LineOf(string text, string marker)
    {
        var lines = text.Split('\n');
        var index = Array.FindIndex(lines, l => l.Contains(marker, StringComparison.Ordinal));
        Assert.True(index >= 0, $"marker '{marker}' is not in the template");
        return index + 1;
    }
}
