namespace WebSocketAspire.Infrastructure.Gateway;

/// <summary>
/// The text frames API Gateway sends when a message cannot be handled. The spacing is reproduced
/// byte for byte from real transcripts: a space after <c>"message":</c> and after each comma, none
/// after <c>"connectionId":</c> or <c>"requestId":</c>.
/// </summary>
internal static class ErrorFrames
{
    public static string Forbidden(string connectionId, string requestId) => Frame("Forbidden", connectionId, requestId);

    public static string InternalServerError(string connectionId, string requestId) => Frame("Internal server error", connectionId, requestId);

    /// <summary>Request validation failure, in the DG's wording (note <c>messageId</c>, not <c>requestId</c>).</summary>
    public static string BadRequestBody(string connectionId, string messageId) =>
        $$"""{"message" : "Bad request body", "connectionId": "{{connectionId}}", "messageId": "{{messageId}}"}""";

    private static string Frame(string message, string connectionId, string requestId) =>
        $$"""{"message": "{{message}}", "connectionId":"{{connectionId}}", "requestId":"{{requestId}}"}""";
}
