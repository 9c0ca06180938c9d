using System.Text;
using WebSocketAspire.Infrastructure.Template;
using WebSocketAspire.Infrastructure.Template.Model;

namespace WebSocketAspire.Tests.Infrastructure.Template;

public sealed class FixtureTests
{
    private static StackModel Load(string fixture, StackEnvironment? environment = null)
    {
        var result = TemplateLoader.Load(Fixtures.PathOf(fixture), environment ?? new StackEnvironment());
        Assert.False(result.HasErrors, string.Join("\n", result.Diagnostics));
        Assert.NotNull(result.Stack);
        return result.Stack;
    }

    [Fact]
    public void Routes_fixture_has_default_two_way_and_several_custom_routes()
    {
        var api = Load("routes.yaml").Api;

        Assert.Equal("$request.body.meta.type", api.RouteSelectionExpression);
        Assert.Equal(["join", "leave", "say", "echo", "$default"], api.Routes.Keys);
        Assert.All(["join", "leave", "say"], key => Assert.Equal("ChatIntegration", api.Routes[key].IntegrationId));
        Assert.Equal("EchoIntegration", api.Routes["$default"].IntegrationId);
        Assert.False(api.Routes["$default"].IsTwoWay);

        var echo = api.Routes["echo"];
        Assert.True(echo.IsTwoWay);
        Assert.Equal("$default", echo.RouteResponseSelectionExpression);
        Assert.Equal(["$default"], echo.RouteResponseKeys);
    }

    [Fact]
    public void Routes_fixture_reads_integrations_and_integration_responses()
    {
        var api = Load("routes.yaml").Api;

        var chat = api.Integrations["ChatIntegration"];
        Assert.Equal(IntegrationType.AwsProxy, chat.Type);
        Assert.Equal("ChatFunction", chat.FunctionId);
        Assert.Equal(5000, chat.TimeoutInMillis);

        var mock = api.Integrations["EchoIntegration"];
        Assert.Equal(IntegrationType.Mock, mock.Type);
        Assert.Null(mock.FunctionId);
        Assert.Equal("${request.body.meta.type}", mock.TemplateSelectionExpression);
        Assert.Equal(PassthroughBehavior.Never, mock.PassthroughBehavior);
        Assert.Equal("{\"statusCode\": 200}", mock.RequestTemplates["echo"]);
        var response = Assert.Single(mock.Responses);
        Assert.Equal("EchoIntegrationResponse", response.LogicalId);
        Assert.Equal("$default", response.IntegrationResponseKey);
        Assert.Equal("\\$default", response.TemplateSelectionExpression);
        Assert.Equal("{\"echo\": \"$context.routeKey\"}", response.ResponseTemplates["$default"]);
    }

    [Fact]
    public void Routes_fixture_merges_globals_and_reads_stage_settings()
    {
        var stack = Load("routes.yaml");

        var function = stack.Functions["ChatFunction"];
        Assert.Equal("chat-handler", function.FunctionName);
        Assert.Equal("arn:aws:lambda:us-east-1:123456789012:function:chat-handler", function.Arn);
        Assert.Equal(20, function.TimeoutSeconds);
        Assert.Equal(512, function.MemorySize);
        Assert.Equal("arm64", function.Architecture);
        Assert.Equal(5, function.ReservedConcurrentExecutions);
        Assert.Equal(Path.Combine(Fixtures.Folder, "functions"), function.CodeUri);
        Assert.Equal("debug", function.Environment["LOG_LEVEL"]);
        Assert.Equal("lobby", function.Environment["ROOM"]);

        var stage = stack.Api.Stage;
        Assert.Equal("prod", stage.Name);
        Assert.Equal("lobby", stage.Variables["room"]);
        Assert.Null(stage.DefaultRouteSettings);
        var say = stage.RouteSettings["say"];
        Assert.Equal(10, say.ThrottlingBurstLimit);
        Assert.Equal(2.5, say.ThrottlingRateLimit);
        Assert.Equal("INFO", say.LoggingLevel);
        Assert.True(say.DataTraceEnabled);

        Assert.Equal("ws://127.0.0.1:3001/prod", stack.Outputs[0].Value);
        Assert.Equal(stack.Api.ApiId, stack.Outputs[1].Value);
    }

    [Fact]
    public void Querystring_fixture_reads_the_authorizer_lambda_function_and_tables()
    {
        var result = TemplateLoader.Load(Fixtures.PathOf("querystring-auth.yaml"), new StackEnvironment { StackName = "qs" });
        var stack = result.Stack!;

        var warning = Assert.Single(result.Diagnostics);
        Assert.Equal("AuthRole", warning.LogicalId);
        Assert.Equal("qs-api", stack.Api.Name);
        Assert.Equal("${request.body.kind}:${request.body.action}", stack.Api.RouteSelectionExpression);
        var authorizer = stack.Api.Authorizers["Authorizer"];
        Assert.Equal(["route.request.querystring.token", "stageVariables.realm"], authorizer.IdentitySource);
        Assert.Equal("AuthFunction", authorizer.FunctionId);
        Assert.Equal("AuthFunction", stack.Api.Integrations["Integration"].FunctionId);
        Assert.Equal("Authorizer", stack.Api.Routes["$connect"].AuthorizerId);

        var function = stack.Functions["AuthFunction"];
        Assert.Equal("qs-AuthFunction", function.FunctionName);
        Assert.Equal(Path.GetFullPath(Path.Combine(Fixtures.Folder, "../build/auth.zip")), function.CodeUri);
        Assert.Equal(3, function.TimeoutSeconds);
        Assert.Equal("arn:aws:dynamodb:us-east-1:123456789012:table/qs-UsersTable", function.Environment["USERS"]);

        var table = stack.Tables["UsersTable"];
        Assert.Equal("qs-UsersTable", table.TableName);
        Assert.Equal("PROVISIONED", table.BillingMode);
        Assert.Equal([new KeySchemaElement("pk", "HASH"), new KeySchemaElement("sk", "RANGE")], table.KeySchema);
        var gsi = Assert.Single(table.GlobalSecondaryIndexes);
        Assert.Equal("by-email", gsi.IndexName);
        Assert.Equal("INCLUDE", gsi.ProjectionType);
        Assert.Equal(["name"], gsi.NonKeyAttributes);
        var lsi = Assert.Single(table.LocalSecondaryIndexes);
        Assert.Equal([new KeySchemaElement("pk", "HASH"), new KeySchemaElement("created", "RANGE")], lsi.KeySchema);
        Assert.Equal("KEYS_ONLY", lsi.ProjectionType);

        Assert.Equal("arn:aws:dynamodb:us-east-1:123456789012:table/qs-UsersTable/stream/local", stack.Outputs[1].Value);
    }

    [Fact]
    public void Json_form_loads_like_yaml_and_keeps_line_numbers()
    {
        var stack = Load("stack.json", new StackEnvironment { GatewayAuthority = "localhost:9000" });

        Assert.Equal("websocketaspire-json", stack.Api.Name);
        Assert.Equal("Integration", stack.Api.Routes["$default"].IntegrationId);
        Assert.Equal("Handler", stack.Api.Integrations["Integration"].FunctionId);
        Assert.Equal("websocketaspire-Table", stack.Functions["Handler"].Environment["TABLE"]);
        Assert.Equal([new KeySchemaElement("id", "HASH")], stack.Tables["Table"].KeySchema);
        Assert.Equal("ws://localhost:9000/json", Assert.Single(stack.Outputs).Value);

        var text = File.ReadAllText(Fixtures.PathOf("stack.json")).Replace("\"Ref\": \"Table\"", "\"Ref\": \"Tabel\"", StringComparison.Ordinal);
        var error = Assert.Single(TemplateLoader.LoadText(text, "stack.json", new StackEnvironment()).Diagnostics);
        Assert.Equal("Ref 'Tabel' names no resource, parameter or pseudo parameter; did you mean 'Table'?", error.Message);
        Assert.Equal(MinimalTemplate.LineOf(text, "Tabel"), error.Line);
    }

    [Fact]
    public void Parameters_conditions_and_mappings_resolve_with_defaults()
    {
        var stack = Load("parameters.yaml");

        Assert.Equal("websocketaspire-dev", stack.Api.Name);
        Assert.Equal("development", stack.Api.Stage.Name);
        Assert.Equal(["connect"], stack.Api.Routes.Keys);
        Assert.Equal(["Worker"], stack.Functions.Keys);

        var worker = stack.Functions["Worker"];
        Assert.Equal("sendmessage", worker.Handler);
        Assert.Equal(512, worker.MemorySize);
        Assert.Equal(5, worker.TimeoutSeconds);
        var env = worker.Environment;
        Assert.Equal("development", env["STAGE"]);
        Assert.Equal("relaxed", env["MODE"]);
        Assert.Equal("yes", env["STRICT"]);
        Assert.Equal("443", env["SECOND_PORT"]);
        Assert.Equal("example", env["HOST"]);
        Assert.Equal(Convert.ToBase64String(Encoding.UTF8.GetBytes("hello")), env["GREETING"]);
        Assert.Equal("${NotAVariable}-us-east-1", env["LITERAL"]);
        Assert.Equal("dev/items/123456789012", env["COMBINED"]);
        Assert.Equal("amazonaws.com", env["URL_SUFFIX"]);
        Assert.Equal("vpc-123", env["VPC"]);
        Assert.False(env.ContainsKey("PROD_ONLY"));

        Assert.Equal("dev-items", stack.Tables["Items"].TableName);
        Assert.Equal([new AttributeDefinition("itemId", "N")], stack.Tables["Items"].AttributeDefinitions);
        Assert.Equal([new KeySchemaElement("id", "HASH")], stack.Tables["Plain"].KeySchema);
        Assert.Equal("websocketaspire-Plain", stack.Tables["Plain"].TableName);

        Assert.Equal(["Mode", "Handlers"], stack.Outputs.Select(o => o.LogicalId));
        Assert.Equal("dev-mode", stack.Outputs[0].Value);
        Assert.Equal("connect,sendmessage", stack.Outputs[1].Value);
    }

    [Fact]
    public void Parameter_overrides_flip_conditions_and_mappings()
    {
        var overrides = new Dictionary<string, string> { ["Environment"] = "prod", ["MemoryMb"] = "1024" };

        var stack = Load("parameters.yaml", new StackEnvironment { ParameterOverrides = overrides });

        Assert.Equal("production", stack.Api.Stage.Name);
        Assert.Equal(["Worker", "ProdOnlyFunction"], stack.Functions.Keys);
        var env = stack.Functions["Worker"].Environment;
        Assert.Equal(30, stack.Functions["Worker"].TimeoutSeconds);
        Assert.Equal(1024, stack.Functions["Worker"].MemorySize);
        Assert.Equal("relaxed", env["MODE"]);
        Assert.Equal("no", env["STRICT"]);
        Assert.Equal("set", env["PROD_ONLY"]);
        Assert.Equal(["Mode", "ProdUrl", "Handlers"], stack.Outputs.Select(o => o.LogicalId));
        Assert.Equal("ws://127.0.0.1:3001/production", stack.Outputs[1].Value);
    }

    [Fact]
    public void Parameter_constraints_are_enforced_on_overrides()
    {
        var overrides = new Dictionary<string, string> { ["Environment"] = "prdo", ["MemoryMb"] = "64", ["TableSuffix"] = "x" };

        var result = TemplateLoader.Load(Fixtures.PathOf("parameters.yaml"), new StackEnvironment { ParameterOverrides = overrides });

        Assert.Null(result.Stack);
        Assert.Equal(
            [
                "Parameter 'Environment' value 'prdo' is not one of the AllowedValues [dev, prod]; did you mean 'prod'?",
                "Parameter 'MemoryMb' value 64 is less than MinValue 128.",
                "Parameter 'TableSuffix' value 'x' is shorter than MinLength 3.",
            ],
            result.Diagnostics.Select(d => d.Message));
    }

    [Fact]
    public void Pseudo_parameters_follow_the_environment()
    {
        var environment = new StackEnvironment { Region = "cn-north-1", Partition = "aws-cn", AccountId = "000000000000", StackName = "cn", UrlSuffix = "amazonaws.com.cn" };

        var stack = Load("stack.yaml", environment);

        var function = stack.Functions["ConnectFunction"];
        Assert.Equal("arn:aws-cn:lambda:cn-north-1:000000000000:function:cn-ConnectFunction", function.Arn);
        Assert.Equal("ConnectFunction", stack.Api.Integrations["ConnectIntegration"].FunctionId);
        Assert.Equal("cn-websocket", stack.Api.Name);
        Assert.NotEqual(Load("stack.yaml").Api.ApiId, stack.Api.ApiId);
    }
}
