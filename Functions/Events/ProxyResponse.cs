using System.Text.Json.Serialization;

namespace WebSocketAspire.Functions.Events;

/// <summary>A Lambda proxy integration result; on <c>$connect</c> a 2xx <c>statusCode</c> accepts the connection.</summary>
internal sealed record ProxyResponse
{
    public static readonly ProxyResponse Ok = new() { StatusCode = 200 };

    [JsonPropertyName("statusCode")]
    public required int StatusCode { get; init; }

    [JsonPropertyName("headers")]
    public IReadOnlyDictionary<string, string>? Headers { get; init; }

    [JsonPropertyName("body")]
    public string? Body { get; init; }
}
