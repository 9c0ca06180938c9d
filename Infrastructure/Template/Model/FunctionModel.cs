namespace WebSocketAspire.Infrastructure.Template.Model;

/// <summary>An <c>AWS::Serverless::Function</c> or <c>AWS::Lambda::Function</c>, with Globals applied.</summary>
public sealed record FunctionModel
{
    public required string LogicalId { get; init; }
    /// <summary>The physical name: FunctionName when set, otherwise derived from the stack and logical id.</summary>
    public required string FunctionName { get; init; }
    public required string Arn { get; init; }
    public required string Handler { get; init; }
    public string Runtime { get; init; } = "provided.al2023";
    /// <summary>CodeUri resolved to an absolute path next to the template, if it is a local path.</summary>
    public string? CodeUri { get; init; }
    public int TimeoutSeconds { get; init; } = 3;
    public int MemorySize { get; init; } = 128;
    public string Architecture { get; init; } = "x86_64";
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();
    public int? ReservedConcurrentExecutions { get; init; }
}
