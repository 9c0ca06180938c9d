using WebSocketAspire.Infrastructure.Template.Diagnostics;
using WebSocketAspire.Infrastructure.Template.Model;

namespace WebSocketAspire.Infrastructure.Template.Building;

/// <summary>Turns an IntegrationUri or AuthorizerUri into the logical id of a function of the template.</summary>
internal static class FunctionUris
{
    public static string? FunctionIdOf(PropertyReader properties, string key, IReadOnlyCollection<FunctionModel> functions, BuildContext context)
    {
        var uri = properties.RequiredString(key);
        if (uri is null)
        {
            return null;
        }

        var shape = LambdaInvocationArn.Describe(context.Environment.Partition, context.Environment.Region);
        if (LambdaInvocationArn.FunctionArnOf(uri) is not { } functionArn)
        {
            context.Diagnostics.Error(properties.At(key), properties.LogicalId, $"{key} '{uri}' is not a Lambda invocation ARN; expected {shape}, e.g. !Sub arn:${{AWS::Partition}}:apigateway:${{AWS::Region}}:lambda:path/2015-03-31/functions/${{MyFunction.Arn}}/invocations.");
            return null;
        }

        if (LambdaInvocationArn.Find(functionArn, functions) is { } function)
        {
            return function.LogicalId;
        }

        var named = functionArn[(functionArn.LastIndexOf(':') + 1)..];
        var candidates = functions.Select(f => f.FunctionName).Concat(functions.Select(f => f.LogicalId));
        var closest = Suggestions.Closest(named, candidates);
        var match = closest is null ? null : functions.FirstOrDefault(f => f.FunctionName == closest || f.LogicalId == closest);
        var hint = match is null ? string.Empty : $"; did you mean ${{{match.LogicalId}.Arn}}?";
        context.Diagnostics.Error(properties.At(key), properties.LogicalId, $"{key} invokes '{functionArn}', which is not a function of this template{hint}");
        return null;
    }
}
