using System.Text.Json.Serialization;

namespace WebSocketAspire.Functions.Events;

/// <summary>A Lambda authorizer's answer. AWS reads these names case-sensitively: camelCase outside, PascalCase inside the policy.</summary>
internal sealed record AuthorizerResponse
{
    [JsonPropertyName("principalId")]
    public required string PrincipalId { get; init; }

    [JsonPropertyName("policyDocument")]
    public required PolicyDocument PolicyDocument { get; init; }

    /// <summary>Values reach later events as <c>requestContext.authorizer.*</c> and templates as <c>$context.authorizer.*</c>.</summary>
    [JsonPropertyName("context")]
    public IReadOnlyDictionary<string, string>? Context { get; init; }
}

/// <summary>The IAM policy of an authorizer response.</summary>
internal sealed record PolicyDocument
{
    public const string CurrentVersion = "2012-10-17";

    [JsonPropertyName("Version")]
    public string Version { get; init; } = CurrentVersion;

    [JsonPropertyName("Statement")]
    public required IReadOnlyList<PolicyStatement> Statement { get; init; }
}

/// <summary>One statement of a policy document.</summary>
internal sealed record PolicyStatement
{
    [JsonPropertyName("Action")]
    public required string Action { get; init; }

    [JsonPropertyName("Effect")]
    public required string Effect { get; init; }

    [JsonPropertyName("Resource")]
    public required string Resource { get; init; }
}
