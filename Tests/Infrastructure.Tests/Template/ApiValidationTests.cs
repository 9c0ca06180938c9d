namespace WebSocketAspire.Tests.Infrastructure.Template;

/// <summary>Errors in the shape of the WebSocket API resources, each with its message and line.</summary>
public sealed class ApiValidationTests
{
    [Fact]
    public void Target_that_names_no_integration_suggests_one()
    {
        var text = MinimalTemplate.With("""
              SendRoute:
                Type: AWS::ApiGatewayV2::Route
                Properties:
                  ApiId: !Ref Api
                  RouteKey: send
                  Target: integrations/Integratoin
            """);

        var error = Diagnose.SingleError(text, "Target");

        Assert.Equal("Target 'integrations/Integratoin' names no integration; did you mean 'Integration'?", error.Message);
        Assert.Equal("SendRoute", error.LogicalId);
        Assert.Equal(MinimalTemplate.LineOf(text, "integrations/Integratoin"), error.Line);
    }

    [Fact]
    public void Target_without_the_integrations_prefix_is_reported()
    {
        var text = MinimalTemplate.With("""
              SendRoute:
                Type: AWS::ApiGatewayV2::Route
                Properties:
                  ApiId: !Ref Api
                  RouteKey: send
                  Target: !Ref Integration
            """);

        var error = Diagnose.SingleError(text, "Target");

        Assert.Equal("Target 'Integration' must be 'integrations/{IntegrationId}'; did you mean !Sub integrations/${Integration}?", error.Message);
        Assert.Equal(MinimalTemplate.LineOf(text, "Target: !Ref Integration"), error.Line);
    }

    [Fact]
    public void ApiId_that_is_not_a_reference_to_an_api_is_reported()
    {
        var text = MinimalTemplate.With("""
              SendRoute:
                Type: AWS::ApiGatewayV2::Route
                Properties:
                  ApiId: !Ref Integration
                  RouteKey: send
            """);

        var error = Diagnose.SingleError(text, "ApiId");

        Assert.Equal("ApiId must refer to an AWS::ApiGatewayV2::Api, but 'Integration' is AWS::ApiGatewayV2::Integration.", error.Message);
        Assert.Equal(MinimalTemplate.LineOf(text, "ApiId: !Ref Integration"), error.Line);
    }

    [Fact]
    public void IntegrationUri_that_is_not_a_lambda_invocation_arn_is_reported()
    {
        var text = MinimalTemplate.Text.Replace("${Fn.Arn}/invocations", "${Fn.Arn}", StringComparison.Ordinal);

        var error = Diagnose.SingleError(text, "IntegrationUri");

        Assert.StartsWith("IntegrationUri 'arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:websocketaspire-Fn' is not a Lambda invocation ARN", error.Message, StringComparison.Ordinal);
        Assert.Equal(MinimalTemplate.LineOf(text, "IntegrationUri"), error.Line);
    }

    [Fact]
    public void Token_authorizer_is_rejected_on_a_websocket_api()
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
            """);

        var error = Diagnose.SingleError(text, "TOKEN");

        Assert.Equal("AuthorizerType TOKEN is not supported by WebSocket APIs; use REQUEST (a Lambda authorizer that receives the identity sources).", error.Message);
        Assert.Equal("Auth", error.LogicalId);
        Assert.Equal(MinimalTemplate.LineOf(text, "AuthorizerType: TOKEN"), error.Line);
    }

    [Fact]
    public void Identity_source_in_rest_api_syntax_is_rejected()
    {
        var text = MinimalTemplate.With("""
              Auth:
                Type: AWS::ApiGatewayV2::Authorizer
                Properties:
                  ApiId: !Ref Api
                  Name: auth
                  AuthorizerType: REQUEST
                  AuthorizerUri: !Sub arn:${AWS::Partition}:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${Fn.Arn}/invocations
                  IdentitySource:
                    - method.request.header.Authorization
            """);

        var error = Diagnose.SingleError(text, "Identity source");

        Assert.Equal("Identity source 'method.request.header.Authorization' is not valid for a WebSocket API: use route.request.header.<name>, route.request.querystring.<name>, stageVariables.<name> or context.<name>.", error.Message);
        Assert.Equal(MinimalTemplate.LineOf(text, "IdentitySource:"), error.Line);
    }

    [Fact]
    public void Duplicate_route_key_names_the_first_route()
    {
        var text = MinimalTemplate.With("""
              AgainRoute:
                Type: AWS::ApiGatewayV2::Route
                Properties:
                  ApiId: !Ref Api
                  RouteKey: $connect
            """);

        var error = Diagnose.SingleError(text, "Duplicate");

        Assert.Equal($"Duplicate route key '$connect': route 'ConnectRoute' (line {MinimalTemplate.LineOf(MinimalTemplate.Text, "RouteKey: $connect")}) already uses it.", error.Message);
        Assert.Equal("AgainRoute", error.LogicalId);
        Assert.Equal(MinimalTemplate.LineOf(text, "AgainRoute") + 4, error.Line);
    }

    [Fact]
    public void Custom_route_key_starting_with_a_dollar_is_rejected()
    {
        var text = MinimalTemplate.With("""
              CustomRoute:
                Type: AWS::ApiGatewayV2::Route
                Properties:
                  ApiId: !Ref Api
                  RouteKey: $custom
            """);

        var error = Diagnose.SingleError(text, "$custom");

        Assert.Equal("Route key '$custom' is not allowed: only $connect, $disconnect and $default may start with '$'.", error.Message);
        Assert.Equal(MinimalTemplate.LineOf(text, "RouteKey: $custom"), error.Line);
    }

    [Fact]
    public void Malformed_route_selection_expression_is_rejected()
    {
        var text = MinimalTemplate.Text.Replace("$request.body.action", "$request.header.action", StringComparison.Ordinal);

        var error = Diagnose.SingleError(text, "RouteSelectionExpression");

        Assert.StartsWith("RouteSelectionExpression '$request.header.action' is malformed: use $request.body.<path>", error.Message, StringComparison.Ordinal);
        Assert.Equal(MinimalTemplate.LineOf(text, "RouteSelectionExpression"), error.Line);
    }

    [Fact]
    public void Route_response_selection_other_than_default_is_rejected()
    {
        var text = MinimalTemplate.With("""
              EchoRoute:
                Type: AWS::ApiGatewayV2::Route
                Properties:
                  ApiId: !Ref Api
                  RouteKey: echo
                  RouteResponseSelectionExpression: $request.body.x
            """);

        var error = Diagnose.SingleError(text, "RouteResponseSelectionExpression");

        Assert.Equal("RouteResponseSelectionExpression '$request.body.x' is not supported: WebSocket APIs only accept $default.", error.Message);
        Assert.Equal(MinimalTemplate.LineOf(text, "RouteResponseSelectionExpression"), error.Line);
    }

    [Fact]
    public void Missing_stage_is_an_error_on_the_api()
    {
        var text = MinimalTemplate.Text[..MinimalTemplate.Text.IndexOf("  Stage:", StringComparison.Ordinal)];

        var error = Diagnose.SingleError(text, "Stage");

        Assert.StartsWith("The WebSocket API has no AWS::ApiGatewayV2::Stage", error.Message, StringComparison.Ordinal);
        Assert.Equal("Api", error.LogicalId);
        Assert.Equal(MinimalTemplate.LineOf(text, "  Api:"), error.Line);
    }

    [Fact]
    public void Two_websocket_apis_are_named_in_one_error()
    {
        var text = MinimalTemplate.With("""
              OtherApi:
                Type: AWS::ApiGatewayV2::Api
                Properties:
                  Name: other
                  ProtocolType: WEBSOCKET
                  RouteSelectionExpression: $request.body.action
            """);

        var error = Diagnose.SingleError(text, "Only one WebSocket API");

        Assert.Equal("Only one WebSocket API can be emulated, but the template has 2: Api, OtherApi.", error.Message);
        Assert.Equal(MinimalTemplate.LineOf(text, "  OtherApi:"), error.Line);
    }

    [Fact]
    public void IntegrationUri_of_a_function_outside_the_template_suggests_one_inside()
    {
        var text = MinimalTemplate.Text.Replace("${Fn.Arn}", "arn:aws:lambda:us-east-1:123456789012:function:websocketaspire-Fnn", StringComparison.Ordinal);

        var error = Diagnose.SingleError(text, "IntegrationUri");

        Assert.Equal("IntegrationUri invokes 'arn:aws:lambda:us-east-1:123456789012:function:websocketaspire-Fnn', which is not a function of this template; did you mean ${Fn.Arn}?", error.Message);
        Assert.Equal("Integration", error.LogicalId);
    }

    [Fact]
    public void Authorizer_on_a_route_other_than_connect_is_rejected()
    {
        var text = MinimalTemplate.With("""
              Auth:
                Type: AWS::ApiGatewayV2::Authorizer
                Properties:
                  ApiId: !Ref Api
                  Name: auth
                  AuthorizerType: REQUEST
                  AuthorizerUri: !Sub arn:${AWS::Partition}:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${Fn.Arn}/invocations
              SendRoute:
                Type: AWS::ApiGatewayV2::Route
                Properties:
                  ApiId: !Ref Api
                  RouteKey: send
                  AuthorizationType: CUSTOM
                  AuthorizerId: !Ref Auth
            """);

        var error = Diagnose.SingleError(text, "authorizes only on $connect");

        Assert.Equal("Route 'send' has AuthorizationType CUSTOM: a WebSocket API authorizes only on $connect.", error.Message);
        Assert.Equal(MinimalTemplate.LineOf(text, "AuthorizationType: CUSTOM"), error.Line);
    }

    [Fact]
    public void Target_with_no_close_match_lists_the_integrations()
    {
        var text = MinimalTemplate.Text.Replace("integrations/${Integration}", "integrations/Nope", StringComparison.Ordinal);

        var error = Diagnose.SingleError(text, "Target");

        Assert.Equal($"{Diagnose.File}:{MinimalTemplate.LineOf(text, "integrations/Nope")}:7: error: [ConnectRoute] Target 'integrations/Nope' names no integration; the integrations are Integration.", error.ToString());
    }
}
