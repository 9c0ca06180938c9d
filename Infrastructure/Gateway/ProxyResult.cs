using System.Globalization;
using System.Text.Json;

namespace WebSocketAspire.Infrastructure.Gateway;

/// <summary>Reads a Lambda proxy result: <c>{statusCode, headers, body}</c>.</summary>
internal static class ProxyResult
{
    public static IntegrationOutcome Read(ReadOnlySpan<byte> payload)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(payload.ToArray());
        }
        catch (JsonException)
        {
            // A function that returns a bare string or nothing: no status code, so treat it as success with that body.
            return new IntegrationOutcome { StatusCode = 200, ResponseBody = System.Text.Encoding.UTF8.GetString(payload) };
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return new IntegrationOutcome { StatusCode = 200, ResponseBody = root.ValueKind == JsonValueKind.String ? root.GetString() : root.GetRawText() };
            }
            var status = 200;
            if (root.TryGetProperty("statusCode", out var code))
            {
                if (code.ValueKind == JsonValueKind.Number && code.TryGetInt32(out var number))
                {
                    status = number;
                }
                else if (code.ValueKind == JsonValueKind.String && int.TryParse(code.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
                {
                    status = parsed;
                }
                else
                {
                    return IntegrationOutcome.Fail("the proxy result's statusCode is not a number (malformed Lambda proxy response)");
                }
            }
            var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            if (root.TryGetProperty("headers", out var headerElement) && headerElement.ValueKind == JsonValueKind.Object)
            {
                foreach (var header in headerElement.EnumerateObject())
                {
                    headers[header.Name] = SelectionExpression.Stringify(header.Value);
                }
            }
            string? body = null;
            if (root.TryGetProperty("body", out var bodyElement) && bodyElement.ValueKind != JsonValueKind.Null)
            {
                body = bodyElement.ValueKind == JsonValueKind.String ? bodyElement.GetString() : bodyElement.GetRawText();
            }
            return new IntegrationOutcome { StatusCode = status, Headers = headers, ResponseBody = body };
        }
    }
}
