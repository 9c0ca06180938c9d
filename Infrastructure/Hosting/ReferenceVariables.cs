using WebSocketAspire.Infrastructure.Hosting.Local;

namespace WebSocketAspire.Infrastructure.Hosting;

/// <summary>The environment a resource that references the WebSocket API receives, in Aspire's service-discovery conventions plus the standard AWS variables.</summary>
internal static class ReferenceVariables
{
    public static IEnumerable<KeyValuePair<string, string>> For(string apiName, LocalStack running)
    {
        var connections = running.ConnectionsEndpoint.ToString().TrimEnd('/');
        yield return new($"services__{apiName}__ws__0", running.WebSocketUrl.ToString());
        yield return new($"services__{apiName}__http__0", connections);
        yield return new("AWS_ENDPOINT_URL_APIGATEWAYMANAGEMENTAPI", connections);
        yield return new("AWS_ENDPOINT_URL_DYNAMODB", running.DynamoDbEndpoint.ToString().TrimEnd('/'));
        yield return new("AWS_ENDPOINT_URL_LAMBDA", running.LambdaEndpoint.ToString().TrimEnd('/'));
        yield return new("AWS_REGION", running.Stack.Environment.Region);
        yield return new("AWS_DEFAULT_REGION", running.Stack.Environment.Region);
        yield return new("AWS_ACCESS_KEY_ID", running.Credentials.AccessKeyId);
        yield return new("AWS_SECRET_ACCESS_KEY", running.Credentials.SecretAccessKey);
    }
}
