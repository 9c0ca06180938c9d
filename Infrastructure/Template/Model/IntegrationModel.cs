namespace WebSocketAspire.Infrastructure.Template.Model;

public enum IntegrationType
{
    AwsProxy,
    Aws,
    Mock,
    HttpProxy,
    Http,
}

public enum PassthroughBehavior
{
    WhenNoMatch,
    Never,
    WhenNoTemplates,
}

/// <summary>An <c>AWS::ApiGatewayV2::Integration</c> with its integration responses.</summary>
public sealed record IntegrationModel
{
    public required string LogicalId { get; init; }
    public required IntegrationType Type { get; init; }
    public string? IntegrationUri { get; init; }
    /// <summary>Logical id of the Lambda function the integration invokes, resolved from the IntegrationUri.</summary>
    public string? FunctionId { get; init; }
    /// <summary>Request templates by selection key (<c>$default</c>, <c>application/json</c>, …).</summary>
    public IReadOnlyDictionary<string, string> RequestTemplates { get; init; } = new Dictionary<string, string>();
    public string? TemplateSelectionExpression { get; init; }
    public PassthroughBehavior PassthroughBehavior { get; init; } = PassthroughBehavior.WhenNoMatch;
    public int TimeoutInMillis { get; init; } = 29_000;
    public string? ContentHandlingStrategy { get; init; }
    public IReadOnlyDictionary<string, string> RequestParameters { get; init; } = new Dictionary<string, string>();
    public IReadOnlyList<IntegrationResponseModel> Responses { get; init; } = [];
}

/// <summary>An <c>AWS::ApiGatewayV2::IntegrationResponse</c>.</summary>
public sealed record IntegrationResponseModel
{
    public required string LogicalId { get; init; }
    /// <summary><c>$default</c> or a regex written <c>/…/</c>.</summary>
    public required string IntegrationResponseKey { get; init; }
    public IReadOnlyDictionary<string, string> ResponseTemplates { get; init; } = new Dictionary<string, string>();
    public string? TemplateSelectionExpression { get; init; }
    public string? ContentHandlingStrategy { get; init; }
}
