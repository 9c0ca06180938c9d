using System.Globalization;
using System.Text;
using System.Text.Json;

namespace WebSocketAspire.Infrastructure.Gateway;

/// <summary>
/// An API Gateway selection expression (route, template or response selection): literals mixed with
/// variables written <c>$request.body.a.b</c> or <c>${request.body.a}</c>, with <c>\$</c> for a literal
/// dollar. Parsed once; evaluated once per message, never recursively.
/// </summary>
internal sealed class SelectionExpression
{
    private readonly Part[] _parts;

    private SelectionExpression(string text, Part[] parts)
    {
        Text = text;
        _parts = parts;
    }

    public string Text { get; }

    /// <summary>True when the expression has no variables, e.g. <c>\$default</c>.</summary>
    public bool IsLiteral => _parts.All(p => p.Variable is null);

    /// <summary>The variable names the expression reads, e.g. <c>request.body.action</c>.</summary>
    public IEnumerable<string> Variables => _parts.Where(p => p.Variable is not null).Select(p => p.Variable!);

    public static SelectionExpression Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = new List<Part>();
        var literal = new StringBuilder();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (c == '\\' && i + 1 < text.Length && text[i + 1] == '$')
            {
                literal.Append('$');
                i += 2;
            }
            else if (c == '$' && i + 1 < text.Length && text[i + 1] == '{')
            {
                var end = text.IndexOf('}', i + 2);
                if (end < 0)
                {
                    throw new FormatException($"Selection expression '{text}' has an unclosed '${{' at position {i}.");
                }
                Flush(parts, literal);
                parts.Add(new Part(null, text[(i + 2)..end]));
                i = end + 1;
            }
            else if (c == '$' && i + 1 < text.Length && IsNameChar(text[i + 1]))
            {
                var end = i + 1;
                while (end < text.Length && (IsNameChar(text[end]) || text[end] is '.' or '[' or ']' or '\''))
                {
                    end++;
                }
                Flush(parts, literal);
                parts.Add(new Part(null, text[(i + 1)..end]));
                i = end;
            }
            else
            {
                literal.Append(c);
                i++;
            }
        }
        Flush(parts, literal);
        return new SelectionExpression(text, [.. parts]);
    }

    /// <summary>Evaluates the expression; an unknown or missing variable contributes <c>""</c>.</summary>
    public string Evaluate(Func<string, string?> resolve)
    {
        ArgumentNullException.ThrowIfNull(resolve);
        if (_parts.Length == 1)
        {
            return _parts[0].Literal ?? resolve(_parts[0].Variable!) ?? "";
        }
        var result = new StringBuilder();
        foreach (var part in _parts)
        {
            result.Append(part.Literal ?? resolve(part.Variable!) ?? "");
        }
        return result.ToString();
    }

    /// <summary>
    /// Evaluates against a message body: <c>request.body.*</c> variables read the body, parsed at most
    /// once and only if such a variable is there; any other variable goes to <paramref name="other"/>.
    /// <paramref name="bodyIsJson"/> is false when the body had to be read and is not JSON.
    /// </summary>
    public string EvaluateOnBody(string body, out bool bodyIsJson, Func<string, string?>? other = null)
    {
        ArgumentNullException.ThrowIfNull(body);
        JsonDocument? document = null;
        var invalid = false;
        try
        {
            var result = Evaluate(variable =>
            {
                if (!variable.StartsWith("request.body", StringComparison.Ordinal))
                {
                    return other?.Invoke(variable);
                }
                if (document is null && !invalid)
                {
                    try
                    {
                        document = JsonDocument.Parse(body);
                    }
                    catch (JsonException)
                    {
                        invalid = true;
                    }
                }
                return document is null ? null : ResolveRequestBody(variable, document.RootElement);
            });
            bodyIsJson = !invalid;
            return result;
        }
        finally
        {
            document?.Dispose();
        }
    }

    /// <summary>
    /// Resolves <c>request.body.&lt;path&gt;</c> against a JSON body, stringified the way API Gateway does:
    /// strings as they are, arrays as <c>[a, b]</c>, other values as their JSON text. Null when absent.
    /// </summary>
    public static string? ResolveRequestBody(string variable, JsonElement? body)
    {
        const string prefix = "request.body";
        if (body is not { } root || !variable.StartsWith(prefix, StringComparison.Ordinal))
        {
            return null;
        }
        var path = variable[prefix.Length..];
        return JsonPathLite.Select(root, path) is { } value ? Stringify(value) : null;
    }

    internal static string Stringify(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString()!,
        JsonValueKind.Null or JsonValueKind.Undefined => "",
        JsonValueKind.Array => "[" + string.Join(", ", value.EnumerateArray().Select(Stringify)) + "]",
        JsonValueKind.Number => value.GetRawText(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ => value.GetRawText(),
    };

    private static bool IsNameChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '_' or '-';

    private static void Flush(List<Part> parts, StringBuilder literal)
    {
        if (literal.Length > 0)
        {
            parts.Add(new Part(literal.ToString(), null));
            literal.Clear();
        }
    }

    private readonly record struct Part(string? Literal, string? Variable);
}

/// <summary>The small JSONPath subset selection expressions use after <c>request.body</c>: <c>.a</c>, <c>['a']</c>, <c>[0]</c>.</summary>
internal static class JsonPathLite
{
    public static JsonElement? Select(JsonElement root, string path)
    {
        var current = root;
        var i = 0;
        while (i < path.Length)
        {
            if (path[i] == '.')
            {
                var end = i + 1;
                while (end < path.Length && path[end] is not ('.' or '['))
                {
                    end++;
                }
                if (!TryProperty(current, path[(i + 1)..end], out current))
                {
                    return null;
                }
                i = end;
            }
            else if (path[i] == '[')
            {
                var end = path.IndexOf(']', i);
                if (end < 0)
                {
                    return null;
                }
                var inner = path[(i + 1)..end].Trim();
                if (inner.Length >= 2 && inner[0] is '\'' or '"' && inner[^1] == inner[0])
                {
                    if (!TryProperty(current, inner[1..^1], out current))
                    {
                        return null;
                    }
                }
                else if (int.TryParse(inner, NumberStyles.None, CultureInfo.InvariantCulture, out var index)
                    && current.ValueKind == JsonValueKind.Array && index < current.GetArrayLength())
                {
                    current = current[index];
                }
                else
                {
                    return null;
                }
                i = end + 1;
            }
            else
            {
                return null;
            }
        }
        return current;
    }

    private static bool TryProperty(JsonElement element, string name, out JsonElement value)
    {
        value = default;
        return element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out value);
    }
}
