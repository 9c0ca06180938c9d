using System.Text.Json.Serialization;

namespace WebSocketAspire.Functions.Events;

/// <summary>What the <c>sendmessage</c> integration's mapping template renders (see template.yaml); not a proxy event.</summary>
internal sealed record SendMessageEvent
{
    [JsonPropertyName("requestContext")]
    public SendMessageRequestContext? RequestContext { get; init; }

    /// <summary>The frame text, unescaped back to JSON text by the template.</summary>
    [JsonPropertyName("body")]
    public string? Body { get; init; }

    [JsonPropertyName("isBase64Encoded")]
    public bool IsBase64Encoded { get; init; }
}

/// <summary>The flattened request context the mapping template writes.</summary>
internal sealed record SendMessageRequestContext
{
    [JsonPropertyName("routeKey")]
    public string? RouteKey { get; init; }

    [JsonPropertyName("messageId")]
    public string? MessageId { get; init; }

    [JsonPropertyName("auth")]
    public string? Auth { get; init; }

    [JsonPropertyName("token")]
    public string? Token { get; init; }

    [JsonPropertyName("eventType")]
    public string? EventType { get; init; }

    [JsonPropertyName("extendedRequestId")]
    public string? ExtendedRequestId { get; init; }

    [JsonPropertyName("requestTime")]
    public string? RequestTime { get; init; }

    [JsonPropertyName("messageDirection")]
    public string? MessageDirection { get; init; }

    [JsonPropertyName("stage")]
    public string? Stage { get; init; }

    [JsonPropertyName("connectedAt")]
    public long? ConnectedAt { get; init; }

    [JsonPropertyName("requestTimeEpoch")]
    public long? RequestTimeEpoch { get; init; }

    [JsonPropertyName("sourceIp")]
    public string? SourceIp { get; init; }

    [JsonPropertyName("requestId")]
    public string? RequestId { get; init; }

    [JsonPropertyName("domainName")]
    public string? DomainName { get; init; }

    [JsonPropertyName("connectionId")]
    public string? ConnectionId { get; init; }

    [JsonPropertyName("apiId")]
    public string? ApiId { get; init; }
}
