using System.Text.Json;
using WebSocketAspire.Infrastructure.Lambda;

namespace WebSocketAspire.Infrastructure.Gateway;

/// <summary>
/// What API Gateway makes of a REQUEST authorizer's result: allow (with principal and context),
/// or the handshake status — 401 for <c>Unauthorized</c>, 403 for a deny or no matching allow,
/// 500 for any other error or a malformed response.
/// </summary>
internal sealed record AuthorizerVerdict
{
    public required int StatusCode { get; init; }
    public string? PrincipalId { get; init; }
    public IReadOnlyDictionary<string, object?> Context { get; init; } = new Dictionary<string, object?>();
    /// <summary>Why the verdict is not allow, for the log.</summary>
    public string? Reason { get; init; }

    public bool IsAllowed => StatusCode == 200;

    public const int MaxResultBytes = 8 * 1024;

    public static AuthorizerVerdict Unauthorized(string reason) => new() { StatusCode = 401, Reason = reason };

    public static AuthorizerVerdict From(InvocationResult result, string methodArn)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (result.IsError)
        {
            return string.Equals(result.ErrorMessage, "Unauthorized", StringComparison.Ordinal)
                ? Unauthorized("the authorizer answered Unauthorized")
                : Error($"the authorizer failed: {result.ErrorType}: {result.ErrorMessage}");
        }
        if (result.Payload.Length > MaxResultBytes)
        {
            return Error($"the authorizer result is {result.Payload.Length} bytes; the limit is {MaxResultBytes}");
        }
        try
        {
            using var document = JsonDocument.Parse(result.Payload);
            return Evaluate(document.RootElement, methodArn);
        }
        catch (JsonException e)
        {
            return Error($"the authorizer result is not JSON: {e.Message}");
        }
    }

    private static AuthorizerVerdict Evaluate(JsonElement root, string methodArn)
    {
        if (root.ValueKind != JsonValueKind.Object
            || !root.TryGetProperty("principalId", out var principal) || principal.ValueKind != JsonValueKind.String
            || !root.TryGetProperty("policyDocument", out var policy) || policy.ValueKind != JsonValueKind.Object)
        {
            return Error("the authorizer result needs a string principalId and a policyDocument object");
        }
        if (!policy.TryGetProperty("Statement", out var statements))
        {
            return Error("the policyDocument has no Statement");
        }
        var context = new Dictionary<string, object?>(StringComparer.Ordinal);
        if (root.TryGetProperty("context", out var contextElement) && contextElement.ValueKind is not (JsonValueKind.Object or JsonValueKind.Null))
        {
            return Error("the authorizer result's context must be an object");
        }
        if (contextElement.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in contextElement.EnumerateObject())
            {
                object? value = property.Value.ValueKind switch
                {
                    JsonValueKind.String => property.Value.GetString(),
                    JsonValueKind.Number => property.Value.TryGetInt64(out var l) ? (object)l : property.Value.GetDouble(),
                    JsonValueKind.True => true,
                    JsonValueKind.False => false,
                    JsonValueKind.Null => null,
                    _ => Invalid,
                };
                if (ReferenceEquals(value, Invalid))
                {
                    return Error($"authorizer context value '{property.Name}' is an object or array; only strings, numbers and booleans are allowed");
                }
                context[property.Name] = value;
            }
        }

        var allowed = false;
        foreach (var statement in statements.ValueKind == JsonValueKind.Array ? statements.EnumerateArray() : Single(statements))
        {
            if (statement.ValueKind != JsonValueKind.Object)
            {
                return Error("a policy Statement is not an object");
            }
            var effectElement = statement.TryGetProperty("Effect", out var e) ? e : default;
            if (effectElement.ValueKind is not (JsonValueKind.String or JsonValueKind.Null or JsonValueKind.Undefined))
            {
                return Error("a policy Statement's Effect is not a string");
            }
            // A statement without an Effect grants nothing.
            var effect = effectElement.ValueKind == JsonValueKind.String ? effectElement.GetString() : null;
            // IAM action names are case-insensitive; resources (ARNs) are not.
            if (!Matches(statement, "Action", "execute-api:Invoke", ignoreCase: true) || !Matches(statement, "Resource", methodArn, ignoreCase: false))
            {
                continue;
            }
            if (string.Equals(effect, "Deny", StringComparison.OrdinalIgnoreCase))
            {
                return new AuthorizerVerdict { StatusCode = 403, Reason = "the policy denies " + methodArn };
            }
            allowed |= string.Equals(effect, "Allow", StringComparison.OrdinalIgnoreCase);
        }
        return allowed
            ? new AuthorizerVerdict { StatusCode = 200, PrincipalId = principal.GetString(), Context = context }
            : new AuthorizerVerdict { StatusCode = 403, Reason = "no policy statement allows " + methodArn };
    }

    private static readonly object Invalid = new();

    private static AuthorizerVerdict Error(string reason) => new() { StatusCode = 500, Reason = reason };

    private static IEnumerable<JsonElement> Single(JsonElement element)
    {
        yield return element;
    }

    private static bool Matches(JsonElement statement, string field, string value, bool ignoreCase)
    {
        if (!statement.TryGetProperty(field, out var patterns))
        {
            return false;
        }
        var candidates = patterns.ValueKind == JsonValueKind.Array ? patterns.EnumerateArray() : Single(patterns);
        foreach (var pattern in candidates)
        {
            if (pattern.ValueKind == JsonValueKind.String && Wildcard.IsMatch(value, pattern.GetString()!, ignoreCase))
            {
                return true;
            }
        }
        return false;
    }
}

/// <summary>IAM-style wildcard matching: <c>*</c> any run of characters, <c>?</c> one character.</summary>
internal static class Wildcard
{
    public static bool IsMatch(string value, string pattern, bool ignoreCase = false)
    {
        int v = 0, p = 0, star = -1, mark = 0;
        while (v < value.Length)
        {
            if (p < pattern.Length && (pattern[p] == '?' || Same(pattern[p], value[v], ignoreCase)))
            {
                v++;
                p++;
            }
            else if (p < pattern.Length && pattern[p] == '*')
            {
                star = p++;
                mark = v;
            }
            else if (star >= 0)
            {
                p = star + 1;
                v = ++mark;
            }
            else
            {
                return false;
            }
        }
        while (p < pattern.Length && pattern[p] == '*')
        {
            p++;
        }
        return p == pattern.Length;
    }

    private static bool Same(char a, char b, bool ignoreCase) =>
        a == b || (ignoreCase && char.ToUpperInvariant(a) == char.ToUpperInvariant(b));
}
