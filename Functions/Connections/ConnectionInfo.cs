using System.Text.Json.Serialization;

namespace WebSocketAspire.Functions.Connections;

/// <summary>The answer of <c>GET @connections/{id}</c>.</summary>
internal sealed record ConnectionInfo
{
    [JsonPropertyName("connectedAt")]
    public DateTimeOffset? ConnectedAt { get; init; }

    [JsonPropertyName("lastActiveAt")]
    public DateTimeOffset? LastActiveAt { get; init; }

    [JsonPropertyName("identity")]
    public ConnectionIdentity? Identity { get; init; }
}

/// <summary><c>identity</c> in a GetConnection answer.</summary>
internal sealed record ConnectionIdentity
{
    [JsonPropertyName("sourceIp")]
    public string? SourceIp { get; init; }

    [JsonPropertyName("userAgent")]
    public string? UserAgent { get; init; }
}

/// <summary>The rest-json error body (<c>{"message": …}</c>) of the management API.</summary>
internal sealed record ConnectionsErrorBody
{
    [JsonPropertyName("message")]
    public string? Message { get; init; }

    [JsonPropertyName("__type")]
    public string? Type { get; init; }
}
