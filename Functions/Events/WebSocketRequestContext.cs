using System.Text.Json;
using System.Text.Json.Serialization;

namespace WebSocketAspire.Functions.Events;

/// <summary>The <c>requestContext</c> API Gateway puts in WebSocket proxy and authorizer events.</summary>
internal sealed record WebSocketRequestContext
{
    [JsonPropertyName("routeKey")]
    public string? RouteKey { get; init; }

    /// <summary>MESSAGE events only; CONNECT/DISCONNECT events omit it.</summary>
    [JsonPropertyName("messageId")]
    public string? MessageId { get; init; }

    [JsonPropertyName("eventType")]
    public string? EventType { get; init; }

    [JsonPropertyName("extendedRequestId")]
    public string? ExtendedRequestId { get; init; }

    [JsonPropertyName("requestTime")]
    public string? RequestTime { get; init; }

    [JsonPropertyName("messageDirection")]
    public string? MessageDirection { get; init; }

    [JsonPropertyName("disconnectStatusCode")]
    public int? DisconnectStatusCode { get; init; }

    [JsonPropertyName("disconnectReason")]
    public string? DisconnectReason { get; init; }

    [JsonPropertyName("stage")]
    public string? Stage { get; init; }

    [JsonPropertyName("connectedAt")]
    public long? ConnectedAt { get; init; }

    [JsonPropertyName("requestTimeEpoch")]
    public long? RequestTimeEpoch { get; init; }

    [JsonPropertyName("identity")]
    public WebSocketIdentity? Identity { get; init; }

    [JsonPropertyName("requestId")]
    public string? RequestId { get; init; }

    [JsonPropertyName("domainName")]
    public string? DomainName { get; init; }

    [JsonPropertyName("connectionId")]
    public string? ConnectionId { get; init; }

    [JsonPropertyName("apiId")]
    public string? ApiId { get; init; }

    /// <summary><c>principalId</c>, <c>integrationLatency</c> and the authorizer's context, on every event of an authorized connection.</summary>
    [JsonPropertyName("authorizer")]
    public IReadOnlyDictionary<string, JsonElement>? Authorizer { get; init; }
}
