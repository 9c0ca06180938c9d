using WebSocketAspire.Infrastructure.Template.Model;
using WebSocketAspire.Infrastructure.Template.Syntax;

namespace WebSocketAspire.Infrastructure.Template.Resolution;

/// <summary>
/// What Ref and Fn::GetAtt return for a resource when the stack runs locally: deterministic names, ARNs in the
/// configured partition/region/account, and the local gateway's address for the API endpoint.
/// </summary>
internal sealed class LocalPhysicalValues(TemplateDocument document, StackEnvironment environment, IntrinsicResolver resolver)
{
    private readonly Dictionary<string, string> _names = new(StringComparer.Ordinal);
    private readonly HashSet<string> _naming = new(StringComparer.Ordinal);

    public string Ref(string logicalId)
    {
        if (!document.Resources.TryGetValue(logicalId, out var resource))
        {
            return string.Empty;
        }

        return resource.Type switch
        {
            ResourceTypes.Api => LocalIds.ApiId(environment.StackName, logicalId),
            ResourceTypes.Stage => NameOf(resource, "StageName", logicalId),
            ResourceTypes.ServerlessFunction or ResourceTypes.LambdaFunction => FunctionName(logicalId),
            ResourceTypes.SimpleTable or ResourceTypes.DynamoDbTable => TableName(logicalId),
            _ => logicalId,
        };
    }

    public string GetAtt(string logicalId, string attribute)
    {
        if (!document.Resources.TryGetValue(logicalId, out var resource))
        {
            return string.Empty;
        }

        var prefix = $"arn:{environment.Partition}";
        return (resource.Type, attribute) switch
        {
            (ResourceTypes.Api, "ApiEndpoint") => $"{(IsWebSocket(resource) ? "ws" : "http")}://{environment.GatewayAuthority}",
            (ResourceTypes.Api, "ApiId") => Ref(logicalId),
            (ResourceTypes.ServerlessFunction or ResourceTypes.LambdaFunction, "Arn") => FunctionArn(Ref(logicalId)),
            (ResourceTypes.SimpleTable or ResourceTypes.DynamoDbTable, "Arn") => $"{prefix}:dynamodb:{environment.Region}:{environment.AccountId}:table/{Ref(logicalId)}",
            (ResourceTypes.SimpleTable or ResourceTypes.DynamoDbTable, "StreamArn") => $"{prefix}:dynamodb:{environment.Region}:{environment.AccountId}:table/{Ref(logicalId)}/stream/local",
            (_, "RouteId" or "RouteResponseId" or "IntegrationResponseId" or "AuthorizerId" or "DeploymentId" or "ModelId") => logicalId,
            _ => $"{logicalId}.{attribute}",
        };
    }

    public string FunctionArn(string functionName) =>
        $"arn:{environment.Partition}:lambda:{environment.Region}:{environment.AccountId}:function:{functionName}";

    public string FunctionName(string logicalId) =>
        document.Resources.TryGetValue(logicalId, out var resource) ? NameOf(resource, "FunctionName", $"{environment.StackName}-{logicalId}") : logicalId;

    public string TableName(string logicalId) =>
        document.Resources.TryGetValue(logicalId, out var resource) ? NameOf(resource, "TableName", $"{environment.StackName}-{logicalId}") : logicalId;

    private static bool IsWebSocket(ResourceDeclaration api) =>
        api.Properties["ProtocolType"] is not ScalarNode { Value: not "WEBSOCKET" };

    /// <summary>A name property resolved once; a name that (wrongly) refers back to itself falls back.</summary>
    private string NameOf(ResourceDeclaration resource, string property, string fallback)
    {
        if (_names.TryGetValue(resource.LogicalId, out var known))
        {
            return known;
        }

        if (resource.Properties[property] is not { } node || !_naming.Add(resource.LogicalId))
        {
            return fallback;
        }

        var name = resolver.ResolveString(node, resource.LogicalId, property) is { Length: > 0 } resolved ? resolved : fallback;
        _naming.Remove(resource.LogicalId);
        _names[resource.LogicalId] = name;
        return name;
    }
}
