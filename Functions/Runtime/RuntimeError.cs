using System.Text.Json.Serialization;

namespace WebSocketAspire.Functions.Runtime;

/// <summary>The body of <c>/error</c> and <c>/init/error</c>: what Lambda reports as the function error.</summary>
internal sealed record RuntimeError(
    [property: JsonPropertyName("errorMessage")] string ErrorMessage,
    [property: JsonPropertyName("errorType")] string ErrorType,
    [property: JsonPropertyName("stackTrace")] IReadOnlyList<string> StackTrace)
{
    public static RuntimeError FromException(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var stackTrace = exception.StackTrace?
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [];
        return new RuntimeError(exception.Message, exception.GetType().Name, stackTrace);
    }
}
