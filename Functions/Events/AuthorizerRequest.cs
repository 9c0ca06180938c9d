using System.Text.Json.Serialization;

namespace WebSocketAspire.Functions.Events;

/// <summary>The REQUEST authorizer event API Gateway sends on <c>$connect</c>.</summary>
internal sealed record AuthorizerRequest
{
    [JsonPropertyName("type")]
    public string? Type { get; init; }

    /// <summary><c>arn:aws:execute-api:{region}:{account}:{apiId}/{stage}/$connect</c> (no HTTP verb).</summary>
    [JsonPropertyName("methodArn")]
    public string? MethodArn { get; init; }

    [JsonPropertyName("headers")]
    public IReadOnlyDictionary<string, string>? Headers { get; init; }

    [JsonPropertyName("multiValueHeaders")]
    public IReadOnlyDictionary<string, IReadOnlyList<string>>? MultiValueHeaders { get; init; }

    [JsonPropertyName("queryStringParameters")]
    public IReadOnlyDictionary<string, string>? QueryStringParameters { get; init; }

    [JsonPropertyName("multiValueQueryStringParameters")]
    public IReadOnlyDictionary<string, IReadOnlyList<string>>? MultiValueQueryStringParameters { get; init; }

    [JsonPropertyName("stageVariables")]
    public IReadOnlyDictionary<string, string>? StageVariables { get; init; }

    [JsonPropertyName("requestContext")]
    public WebSocketRequestContext? RequestContext { get; init; }
}
