using System.Text;
using System.Text.Json;

namespace WebSocketAspire.Infrastructure.Hosting.Processes;

/// <summary>A DynamoDB error answer: its type (the part of <c>__type</c> after <c>#</c>) and message.</summary>
internal sealed class DynamoDbException(string operation, string errorType, string message)
    : Exception($"DynamoDB {operation}: {errorType}: {message}")
{
    public string Operation { get; } = operation;
    public string ErrorType { get; } = errorType;

    public static DynamoDbException From(string operation, int status, ReadOnlyMemory<byte> body)
    {
        try
        {
            if (JsonSerializer.Deserialize(body.Span, DynamoDbJson.Default.DynamoDbError) is { Type: { Length: > 0 } type } error)
            {
                return new DynamoDbException(operation, type[(type.LastIndexOf('#') + 1)..], error.Message ?? error.UpperMessage ?? $"HTTP {status}");
            }
        }
        catch (JsonException)
        {
            // Not DynamoDB's error shape: say what came back.
        }
        var text = Encoding.UTF8.GetString(body.Span[..Math.Min(body.Length, 200)]);
        return new DynamoDbException(operation, $"HTTP {status}", text.Length > 0 ? text : "(no body)");
    }
}
