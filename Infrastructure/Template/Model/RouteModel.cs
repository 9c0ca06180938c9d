namespace WebSocketAspire.Infrastructure.Template.Model;

/// <summary>An <c>AWS::ApiGatewayV2::Route</c> with its route responses.</summary>
public sealed record RouteModel
{
    public required string LogicalId { get; init; }
    public required string RouteKey { get; init; }
    /// <summary><c>NONE</c>, <c>AWS_IAM</c> or <c>CUSTOM</c>.</summary>
    public string AuthorizationType { get; init; } = "NONE";
    /// <summary>Logical id of the authorizer when <see cref="AuthorizationType"/> is CUSTOM.</summary>
    public string? AuthorizerId { get; init; }
    /// <summary>Logical id of the integration named by <c>Target: integrations/{id}</c>, or null.</summary>
    public string? IntegrationId { get; init; }
    public bool ApiKeyRequired { get; init; }
    /// <summary>Set to <c>$default</c> for a two-way route.</summary>
    public string? RouteResponseSelectionExpression { get; init; }
    /// <summary>Route response keys (only <c>$default</c> is meaningful).</summary>
    public IReadOnlyList<string> RouteResponseKeys { get; init; } = [];
    public string? ModelSelectionExpression { get; init; }
    public IReadOnlyDictionary<string, string> RequestModels { get; init; } = new Dictionary<string, string>();

    public bool IsTwoWay => RouteResponseSelectionExpression is not null && RouteResponseKeys.Contains("$default");
}
