using System.Text.Json;

namespace WebSocketAspire.Infrastructure.Lambda;

/// <summary>Reads and writes the <c>{errorMessage, errorType, stackTrace}</c> shape that Lambda uses for function errors.</summary>
internal static class LambdaError
{
    public static byte[] Create(string errorType, string errorMessage)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("errorMessage", errorMessage);
            writer.WriteString("errorType", errorType);
            writer.WriteEndObject();
        }
        return buffer.ToArray();
    }

    public static string? ReadMessage(ReadOnlySpan<byte> payload)
    {
        try
        {
            var reader = new Utf8JsonReader(payload);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return null;
            }
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isMessage = reader.ValueTextEquals("errorMessage"u8);
                reader.Read();
                if (isMessage)
                {
                    return reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                }
                reader.Skip();
            }
            return null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
