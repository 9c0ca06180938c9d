namespace WebSocketAspire.Infrastructure.Template.Model;

/// <summary>An <c>AWS::ApiGatewayV2::Api</c> with protocol WEBSOCKET and everything attached to it.</summary>
public sealed record WebSocketApiModel
{
    public required string LogicalId { get; init; }
    public required string Name { get; init; }
    /// <summary>The local api id (10 characters), used in ARNs, domain names and events.</summary>
    public required string ApiId { get; init; }
    public required string RouteSelectionExpression { get; init; }
    public string? ApiKeySelectionExpression { get; init; }
    /// <summary>Routes by route key (<c>$connect</c>, <c>$disconnect</c>, <c>$default</c>, custom keys).</summary>
    public required IReadOnlyDictionary<string, RouteModel> Routes { get; init; }
    public required IReadOnlyDictionary<string, IntegrationModel> Integrations { get; init; }
    public required IReadOnlyDictionary<string, AuthorizerModel> Authorizers { get; init; }
    public required StageModel Stage { get; init; }
}

/// <summary>An <c>AWS::ApiGatewayV2::Stage</c>.</summary>
public sealed record StageModel
{
    public required string Name { get; init; }
    public IReadOnlyDictionary<string, string> Variables { get; init; } = new Dictionary<string, string>();
    public RouteSettingsModel? DefaultRouteSettings { get; init; }
    public IReadOnlyDictionary<string, RouteSettingsModel> RouteSettings { get; init; } = new Dictionary<string, RouteSettingsModel>();
}

public sealed record RouteSettingsModel
{
    public double? ThrottlingRateLimit { get; init; }
    public int? ThrottlingBurstLimit { get; init; }
    public bool? DataTraceEnabled { get; init; }
    public string? LoggingLevel { get; init; }
}
