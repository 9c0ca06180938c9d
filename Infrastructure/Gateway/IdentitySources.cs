namespace WebSocketAspire.Infrastructure.Gateway;

/// <summary>
/// Checks a REQUEST authorizer's identity sources before it is invoked: if any listed value is
/// missing or empty, API Gateway answers 401 without calling the function.
/// </summary>
internal static class IdentitySources
{
    public static bool AllPresent(
        IReadOnlyList<string> sources,
        UpgradeRequest request,
        IReadOnlyDictionary<string, string> stageVariables,
        IReadOnlyDictionary<string, object?> context)
    {
        foreach (var source in sources)
        {
            if (string.IsNullOrEmpty(Resolve(source.Trim(), request, stageVariables, context)))
            {
                return false;
            }
        }
        return true;
    }

    internal static string? Resolve(
        string source,
        UpgradeRequest request,
        IReadOnlyDictionary<string, string> stageVariables,
        IReadOnlyDictionary<string, object?> context)
    {
        const string header = "route.request.header.";
        const string query = "route.request.querystring.";
        const string stage = "stageVariables.";
        const string contextPrefix = "context.";
        if (source.StartsWith(header, StringComparison.Ordinal))
        {
            return request.Header(source[header.Length..]);
        }
        if (source.StartsWith(query, StringComparison.Ordinal))
        {
            return request.QueryValue(source[query.Length..]);
        }
        if (source.StartsWith(stage, StringComparison.Ordinal))
        {
            return stageVariables.GetValueOrDefault(source[stage.Length..]);
        }
        if (source.StartsWith(contextPrefix, StringComparison.Ordinal))
        {
            return RequestContextValues.Stringify(context.GetValueOrDefault(source[contextPrefix.Length..]));
        }
        return null; // rejected by template validation; treated as missing here
    }
}
