using WebSocketAspire.Infrastructure.Template;
using WebSocketAspire.Infrastructure.Template.Model;

namespace WebSocketAspire.Tests.Infrastructure.Template;

public sealed class RealStackTests
{
    private static readonly StackEnvironment Environment = new() { GatewayAuthority = "127.0.0.1:3001" };

    private static StackModel LoadStack()
    {
        var result = TemplateLoader.Load(Fixtures.PathOf("stack.yaml"), Environment);
        Assert.False(result.HasErrors, string.Join("\n", result.Diagnostics));
        Assert.NotNull(result.Stack);
        return result.Stack;
    }

    [Fact]
    public void Loads_without_errors_and_warns_about_the_lambda_permissions()
    {
        var result = TemplateLoader.Load(Fixtures.PathOf("stack.yaml"), Environment);

        Assert.DoesNotContain(result.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        var warning = Assert.Single(result.Diagnostics);
        Assert.Contains("IAM is not enforced locally", warning.Message, StringComparison.Ordinal);
        Assert.Contains("SendMessagePermission", warning.Message, StringComparison.Ordinal);
        Assert.Equal("AuthorizerPermission", warning.LogicalId);
    }

    [Fact]
    public void Api_has_the_route_selection_expression_and_a_stable_local_id()
    {
        var api = LoadStack().Api;

        Assert.Equal("WebSocketApi", api.LogicalId);
        Assert.Equal("websocketaspire-websocket", api.Name);
        Assert.Equal("$request.body.action", api.RouteSelectionExpression);
        Assert.Matches("^[a-z0-9]{10}$", api.ApiId);
        Assert.Equal(api.ApiId, LoadStack().Api.ApiId);
    }

    [Fact]
    public void Connect_route_is_authorized_by_the_request_authorizer()
    {
        var api = LoadStack().Api;

        var connect = api.Routes["$connect"];
        Assert.Equal("CUSTOM", connect.AuthorizationType);
        Assert.Equal("Authorizer", connect.AuthorizerId);
        Assert.Equal("ConnectIntegration", connect.IntegrationId);

        var authorizer = api.Authorizers["Authorizer"];
        Assert.Equal("REQUEST", authorizer.AuthorizerType);
        Assert.Equal("token-authorizer", authorizer.Name);
        Assert.Equal("AuthorizerFunction", authorizer.FunctionId);
        Assert.Equal(["route.request.header.token"], authorizer.IdentitySource);
    }

    [Fact]
    public void Disconnect_and_sendmessage_routes_point_at_their_integrations()
    {
        var api = LoadStack().Api;

        Assert.Equal(3, api.Routes.Count);
        Assert.Equal("DisconnectIntegration", api.Routes["$disconnect"].IntegrationId);
        Assert.Equal("NONE", api.Routes["$disconnect"].AuthorizationType);
        Assert.Equal("SendMessageIntegration", api.Routes["sendmessage"].IntegrationId);
        Assert.False(api.Routes["sendmessage"].IsTwoWay);

        Assert.Equal(IntegrationType.AwsProxy, api.Integrations["ConnectIntegration"].Type);
        Assert.Equal("ConnectFunction", api.Integrations["ConnectIntegration"].FunctionId);
        Assert.Equal("DisconnectFunction", api.Integrations["DisconnectIntegration"].FunctionId);
    }

    [Fact]
    public void Sendmessage_integration_keeps_the_mapping_template_and_its_selection_expression_literally()
    {
        var integration = LoadStack().Api.Integrations["SendMessageIntegration"];

        Assert.Equal(IntegrationType.Aws, integration.Type);
        Assert.Equal("SendMessageFunction", integration.FunctionId);
        Assert.Equal(PassthroughBehavior.WhenNoMatch, integration.PassthroughBehavior);
        // A plain YAML scalar keeps its backslash: the value API Gateway receives is \$default.
        Assert.Equal("\\$default", integration.TemplateSelectionExpression);
        var template = Assert.Single(integration.RequestTemplates);
        Assert.Equal("$default", template.Key);
        Assert.StartsWith("{\n  \"requestContext\": {\n    \"routeKey\": \"$context.routeKey\",", template.Value, StringComparison.Ordinal);
        Assert.Contains("\"body\": \"$util.escapeJavaScript($input.body).replaceAll(\"\\\\'\",\"'\")\",", template.Value, StringComparison.Ordinal);
        Assert.EndsWith("\"isBase64Encoded\": $context.isBase64Encoded\n}\n", template.Value, StringComparison.Ordinal);
        Assert.Equal("arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:websocketaspire-SendMessageFunction/invocations", integration.IntegrationUri);
    }

    [Fact]
    public void Stage_is_named_from_the_parameter_default()
    {
        var stage = LoadStack().Api.Stage;

        Assert.Equal("stage", stage.Name);
        Assert.Equal(5000, stage.DefaultRouteSettings?.ThrottlingBurstLimit);
        Assert.Equal(10000, stage.DefaultRouteSettings?.ThrottlingRateLimit);
    }

    [Fact]
    public void Stage_name_follows_a_parameter_override()
    {
        var environment = Environment with { ParameterOverrides = new Dictionary<string, string> { ["StageName"] = "dev" } };

        var result = TemplateLoader.Load(Fixtures.PathOf("stack.yaml"), environment);

        Assert.Equal("dev", result.Stack?.Api.Stage.Name);
        Assert.Equal("ws://127.0.0.1:3001/dev", result.Stack?.Outputs[0].Value);
    }

    [Fact]
    public void Four_functions_get_their_handlers_and_the_globals()
    {
        var stack = LoadStack();

        Assert.Equal(["AuthorizerFunction", "ConnectFunction", "DisconnectFunction", "SendMessageFunction"], stack.Functions.Keys);
        Assert.Equal(["authorizer", "connect", "disconnect", "sendmessage"], stack.Functions.Values.Select(f => f.Handler));
        foreach (var function in stack.Functions.Values)
        {
            Assert.Equal("connection_table", function.Environment["TABLE_NAME"]);
            Assert.Equal("provided.al2023", function.Runtime);
            Assert.Equal(256, function.MemorySize);
            Assert.Equal(10, function.TimeoutSeconds);
            Assert.Equal("x86_64", function.Architecture);
            Assert.Equal(Path.GetFullPath(Path.Combine(Fixtures.Folder, "../Functions")), function.CodeUri);
            Assert.Equal($"websocketaspire-{function.LogicalId}", function.FunctionName);
            Assert.Equal($"arn:aws:lambda:us-east-1:123456789012:function:websocketaspire-{function.LogicalId}", function.Arn);
        }
    }

    [Fact]
    public void Connection_table_is_keyed_by_connection_id()
    {
        var table = Assert.Single(LoadStack().Tables).Value;

        Assert.Equal("connection_table", table.TableName);
        Assert.Equal([new KeySchemaElement("connectionId", "HASH")], table.KeySchema);
        Assert.Equal([new AttributeDefinition("connectionId", "S")], table.AttributeDefinitions);
        Assert.Equal("PAY_PER_REQUEST", table.BillingMode);
    }

    [Fact]
    public void Outputs_point_at_the_local_gateway_in_template_order()
    {
        var outputs = LoadStack().Outputs;

        Assert.Equal(["WebSocketURL", "WscatCommand", "SamplePayload", "ConnectionsTableName"], outputs.Select(o => o.LogicalId));
        Assert.Equal("ws://127.0.0.1:3001/stage", outputs[0].Value);
        Assert.Equal("The URL to connect to", outputs[0].Description);
        Assert.Equal("wscat --header token:hello -c ws://127.0.0.1:3001/stage", outputs[1].Value);
        Assert.Equal("{\"action\":\"sendmessage\",\"message\":\"hey queen\"}", outputs[2].Value);
        Assert.Equal("connection_table", outputs[3].Value);
        Assert.Null(outputs[3].Description);
    }
}
