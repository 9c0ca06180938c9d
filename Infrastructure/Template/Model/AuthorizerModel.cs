namespace WebSocketAspire.Infrastructure.Template.Model;

/// <summary>An <c>AWS::ApiGatewayV2::Authorizer</c> of type REQUEST backed by a Lambda function.</summary>
public sealed record AuthorizerModel
{
    public required string LogicalId { get; init; }
    public required string Name { get; init; }
    public string AuthorizerType { get; init; } = "REQUEST";
    /// <summary>Logical id of the function named by the AuthorizerUri.</summary>
    public required string FunctionId { get; init; }
    /// <summary>Raw identity sources, e.g. <c>route.request.header.token</c>.</summary>
    public IReadOnlyList<string> IdentitySource { get; init; } = [];
}
