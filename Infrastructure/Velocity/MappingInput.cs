using System.Collections.ObjectModel;

namespace WebSocketAspire.Infrastructure.Velocity;

/// <summary>The request data a mapping template renders against ($input, $context, $stageVariables).</summary>
public sealed record MappingInput
{
    private static readonly IReadOnlyDictionary<string, string> Empty = ReadOnlyDictionary<string, string>.Empty;

    public required string Body { get; init; }

    /// <summary>$context variables as dotted keys ("authorizer.principalId"); values are string, long, int, double or bool.</summary>
    public required IReadOnlyDictionary<string, object?> Context { get; init; }

    public IReadOnlyDictionary<string, string> StageVariables { get; init; } = Empty;

    /// <summary>Request headers; names are matched case-insensitively.</summary>
    public IReadOnlyDictionary<string, string> Headers { get; init; } = Empty;

    public IReadOnlyDictionary<string, string> QueryString { get; init; } = Empty;

    public IReadOnlyDictionary<string, string> PathParameters { get; init; } = Empty;
}
