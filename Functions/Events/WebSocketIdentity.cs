using System.Text.Json.Serialization;

namespace WebSocketAspire.Functions.Events;

/// <summary><c>requestContext.identity</c> of current WebSocket events.</summary>
internal sealed record WebSocketIdentity
{
    [JsonPropertyName("sourceIp")]
    public string? SourceIp { get; init; }

    [JsonPropertyName("userAgent")]
    public string? UserAgent { get; init; }
}
