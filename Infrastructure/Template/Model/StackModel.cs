namespace WebSocketAspire.Infrastructure.Template.Model;

/// <summary>The resolved, validated stack: everything the local runtime needs, read from one template.</summary>
public sealed record StackModel
{
    public required string TemplatePath { get; init; }
    public required StackEnvironment Environment { get; init; }
    public required WebSocketApiModel Api { get; init; }
    public required IReadOnlyDictionary<string, FunctionModel> Functions { get; init; }
    public required IReadOnlyDictionary<string, TableModel> Tables { get; init; }
    /// <summary>Template outputs evaluated against local values, in template order.</summary>
    public IReadOnlyList<OutputModel> Outputs { get; init; } = [];
}

/// <summary>The pseudo-parameter values a template is resolved against.</summary>
public sealed record StackEnvironment
{
    public string Region { get; init; } = "us-east-1";
    public string AccountId { get; init; } = "123456789012";
    public string StackName { get; init; } = "websocketaspire";
    public string Partition { get; init; } = "aws";
    public string UrlSuffix { get; init; } = "amazonaws.com";
    /// <summary>The host:port the local gateway listens on; GetAtt ApiEndpoint and the outputs point at it.</summary>
    public string GatewayAuthority { get; init; } = "127.0.0.1:3001";
    public IReadOnlyDictionary<string, string> ParameterOverrides { get; init; } = new Dictionary<string, string>();
}

public sealed record OutputModel(string LogicalId, string? Description, string Value);
