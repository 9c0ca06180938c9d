using System.Text.Json.Serialization;

namespace WebSocketAspire.Infrastructure.Lambda;

internal sealed record StatusResponse([property: JsonPropertyName("status")] string Status);

internal sealed record ErrorResponse(
    [property: JsonPropertyName("errorMessage")] string ErrorMessage,
    [property: JsonPropertyName("errorType")] string ErrorType);

[JsonSerializable(typeof(StatusResponse))]
[JsonSerializable(typeof(ErrorResponse))]
internal sealed partial class LambdaJsonContext : JsonSerializerContext;
