using System.Text.Json.Serialization;

namespace WebSocketAspire.Infrastructure.TestClient;

/// <summary>What the page asks of its relay: connect (with headers and a query string), send a frame, close.</summary>
internal sealed record RelayCommand(
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("headers")] IReadOnlyList<IReadOnlyList<string>>? Headers = null,
    [property: JsonPropertyName("query")] string? Query = null,
    [property: JsonPropertyName("data")] string? Data = null);

/// <summary>What the relay tells the page: the handshake's outcome, a frame, the close, or a problem; each with its time.</summary>
internal sealed record RelayEvent(
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("at")] string At,
    [property: JsonPropertyName("status")] int? Status = null,
    [property: JsonPropertyName("connectionId")] string? ConnectionId = null,
    [property: JsonPropertyName("reason")] string? Reason = null,
    [property: JsonPropertyName("data")] string? Data = null,
    [property: JsonPropertyName("code")] int? Code = null);

/// <summary>The answer of a post or delete through @connections, for the page.</summary>
internal sealed record ConnectionsAnswer(
    [property: JsonPropertyName("status")] int Status,
    [property: JsonPropertyName("errorType")] string? ErrorType);

[JsonSerializable(typeof(RelayCommand))]
[JsonSerializable(typeof(RelayEvent))]
[JsonSerializable(typeof(ConnectionsAnswer))]
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
internal sealed partial class TestClientJsonContext : JsonSerializerContext;
