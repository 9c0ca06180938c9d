using System.Text.Json;

namespace WebSocketAspire.Infrastructure.Velocity;

/// <summary>Parses JSON text into the values templates navigate: maps, lists, strings, long/double, bool, null.</summary>
internal static class JsonValues
{
    private static readonly JsonDocumentOptions Options = new() { MaxDepth = 64 };

    public static object? Parse(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json, Options);
            return Convert(document.RootElement);
        }
        catch (JsonException e)
        {
            throw new TemplateError($"invalid JSON: {e.Message}", e);
        }
    }

    private static object? Convert(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var map = new VelocityMap();
                foreach (var property in element.EnumerateObject())
                {
                    map.Put(property.Name, Convert(property.Value));
                }

                return map;
            case JsonValueKind.Array:
                var list = new List<object?>(element.GetArrayLength());
                foreach (var item in element.EnumerateArray())
                {
                    list.Add(Convert(item));
                }

                return list;
            case JsonValueKind.String:
                return element.GetString();
            case JsonValueKind.Number:
                return element.TryGetInt64(out var integer) ? (object)integer : element.GetDouble();
            case JsonValueKind.True:
                return JavaOperators.True;
            case JsonValueKind.False:
                return JavaOperators.False;
            default:
                return null;
        }
    }
}
