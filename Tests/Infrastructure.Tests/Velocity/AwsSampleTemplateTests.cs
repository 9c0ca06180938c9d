using System.Text.Json;
using WebSocketAspire.Infrastructure.Velocity;

namespace WebSocketAspire.Tests.Infrastructure.Velocity;

/// <summary>Templates in the shape of the AWS documentation and samples, checked for valid JSON output.</summary>
public sealed class AwsSampleTemplateTests
{
    private const string AllParams = """
        #set($allParams = $input.params())
        {
          "params" : {
          #foreach($type in $allParams.keySet())
            #set($params = $allParams.get($type))
            "$type" : {
            #foreach($paramName in $params.keySet())
              "$paramName" : "$util.escapeJavaScript($params.get($paramName))"
              #if($foreach.hasNext),#end
            #end
            }
            #if($foreach.hasNext),#end
          #end
          }
        }
        """;

    private const string AuthorizerContext = """
        {
          "connectionId": "$context.connectionId",
          "authorizer": {
        #foreach($key in $context.authorizer.keySet())
            "$key": "$util.escapeJavaScript($context.authorizer.get($key))"#if($foreach.hasNext),#end

        #end
          },
          "message": $input.json('$.data'),
          "count": $input.path('$.data.items').size(),
          "first": "$input.path('$.data.items')[0].name",
          "stage": "${stageVariables['env']}"
        }
        """;

    [Fact]
    public void The_documented_all_params_template_renders_json()
    {
        var headers = new Dictionary<string, string> { ["X-Quote"] = "say \"hi\"", ["Accept"] = "*/*" };
        var output = MappingTemplate.Parse(AllParams, "all-params").Render(TemplateRunner.Input(headers: headers));

        using var document = JsonDocument.Parse(output);
        var parameters = document.RootElement.GetProperty("params");
        Assert.Equal("42", parameters.GetProperty("path").GetProperty("id").GetString());
        Assert.Equal("query", parameters.GetProperty("querystring").GetProperty("q").GetString());
        Assert.Equal("say \"hi\"", parameters.GetProperty("header").GetProperty("X-Quote").GetString());
    }

    [Fact]
    public void An_authorizer_context_template_renders_json()
    {
        const string Body = """{"data":{"items":[{"name":"n'1"},{"name":"n2"}]}}""";
        var output = MappingTemplate.Parse(AuthorizerContext, "auth").Render(TemplateRunner.Input(Body));

        using var document = JsonDocument.Parse(output);
        var root = document.RootElement;
        Assert.Equal("user-1", root.GetProperty("authorizer").GetProperty("principalId").GetString());
        Assert.Equal("3", root.GetProperty("authorizer").GetProperty("count").GetString());
        Assert.Equal(2, root.GetProperty("count").GetInt32());
        Assert.Equal("n'1", root.GetProperty("first").GetString());
        Assert.Equal("dev", root.GetProperty("stage").GetString());
        Assert.Equal(2, root.GetProperty("message").GetProperty("items").GetArrayLength());
    }

    [Theory]
    [InlineData("#if( \"$!context.authorizer.principalId\" != \"\" )auth#{else}anon#end", "auth")]
    [InlineData("#if( \"$!context.authorizer.nobody\" != \"\" )auth#{else}anon#end", "anon")]
    [InlineData("#set($b = $util.parseJson($input.body))$b.action", "send")]
    [InlineData("{\"action\":\"$input.path('$.action')\",\"raw\":$input.body}", "{\"action\":\"send\",\"raw\":{\"action\":\"send\"}}")]
    [InlineData("$input.path('$.action').toUpperCase()", "SEND")]
    public void Common_idioms(string template, string expected) =>
        Assert.Equal(expected, MappingTemplate.Parse(template, "t").Render(TemplateRunner.Input("""{"action":"send"}""")));
}
